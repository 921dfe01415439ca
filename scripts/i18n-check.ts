/**
 * Checks every message catalog against English: `npm run i18n:check` (add `--json` for a
 * machine-readable report). Exits 1 when anything needs fixing. The checks live in
 * lib/translation/server/check-catalogs.ts; this file only reads the files and prints.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkCatalogs, formatReport, SOURCE_LOCALE } from "@/lib/translation/server/check-catalogs";
import { locales } from "@/lib/shared/i18n/locales";

const messagesDir = fileURLToPath(new URL("../messages/", import.meta.url));

const catalogs: Record<string, unknown> = {};
const unreadable: Record<string, string> = {};
for (const locale of locales) {
  const file = `messages/${locale}.json`;
  let text: string;
  try {
    text = readFileSync(`${messagesDir}${locale}.json`, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    unreadable[locale] = code === "ENOENT" ? `${file} does not exist.` : `${file} could not be opened (${code ?? err}).`;
    continue;
  }
  try {
    catalogs[locale] = JSON.parse(text);
  } catch (err) {
    unreadable[locale] = `${file} is not valid JSON: ${jsonErrorWithLine((err as Error).message, text)}`;
  }
}

// Without English there is nothing to compare with.
if (unreadable[SOURCE_LOCALE]) {
  console.error(unreadable[SOURCE_LOCALE]);
  process.exit(1);
}

const report = checkCatalogs(locales, catalogs, unreadable);
console.log(process.argv.includes("--json") ? JSON.stringify(report, null, 2) : formatReport(report));
process.exitCode = report.ok ? 0 : 1;

/** Node 20 reports JSON errors by character offset; translators need a line and column. */
function jsonErrorWithLine(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position || /\(line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1])).split("\n");
  return `${message} (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}
