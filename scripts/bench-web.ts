/**
 * npm run bench:web — what each page of the booking flow costs a phone: the JavaScript it
 * transfers (gzip, as served by the production server) and Lighthouse's mobile scores
 * (performance, accessibility) with its default slow-4G and 4× CPU throttling.
 * Targets: ≤ 170 KB of JavaScript on any step, performance ≥ 95, accessibility 100.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ensureBuild, runCleanups, startServer } from "./bench/server";
import { table } from "./bench/stats";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGES = ["", "/book/eligibility", "/book/travelers", "/book/traveler", "/book/contact", "/book/photos", "/book/port", "/book/check", "/book/done", "/appointment"];
const LOCALE = process.argv.includes("--locale") ? process.argv[process.argv.indexOf("--locale") + 1] : "en";
const SKIP_LIGHTHOUSE = process.argv.includes("--no-lighthouse");
const JS_BUDGET_KB = 170;

async function javascriptTransferred(origin: string, pathname: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    const scripts = new Set<string>();
    let bytes = 0;
    cdp.on("Network.responseReceived", (e) => e.type === "Script" && scripts.add(e.requestId));
    // encodedDataLength: bytes on the wire (compressed body + headers), what a prepaid plan pays.
    cdp.on("Network.loadingFinished", (e) => scripts.has(e.requestId) && (bytes += e.encodedDataLength));
    await page.goto(`${origin}/${LOCALE}${pathname}`, { waitUntil: "networkidle" });
    return bytes;
  } finally {
    await browser.close();
  }
}

/** Lighthouse now and then fails to record a trace on a busy machine: one retry, then the error. */
function lighthouse(url: string): { performance: number; accessibility: number } {
  try {
    return lighthouseOnce(url);
  } catch {
    return lighthouseOnce(url);
  }
}

function lighthouseOnce(url: string): { performance: number; accessibility: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "puerta-lh-"));
  const out = path.join(dir, "report.json");
  try {
    execFileSync(
      "npx",
      ["lighthouse", url, "--quiet", "--only-categories=performance,accessibility", "--output=json", `--output-path=${out}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "pipe"] },
    );
    const report = JSON.parse(readFileSync(out, "utf8"));
    return {
      performance: Math.round(report.categories.performance.score * 100),
      accessibility: Math.round(report.categories.accessibility.score * 100),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  ensureBuild();
  const server = await startServer({ databaseUrl: "", poolSize: 5 });
  const rows = [["page", "JS (KB gzip)", "performance", "accessibility"]];
  const failures: string[] = [];
  try {
    for (const pathname of PAGES) {
      const kb = (await javascriptTransferred(server.origin, pathname)) / 1024;
      const scores = SKIP_LIGHTHOUSE ? null : lighthouse(`${server.origin}/${LOCALE}${pathname}`);
      rows.push([`/${LOCALE}${pathname}`, kb.toFixed(1), scores ? String(scores.performance) : "–", scores ? String(scores.accessibility) : "–"]);
      if (kb > JS_BUDGET_KB) failures.push(`${pathname || "/"}: ${kb.toFixed(1)} KB of JavaScript > ${JS_BUDGET_KB} KB`);
      if (scores && scores.performance < 95) failures.push(`${pathname || "/"}: performance ${scores.performance} < 95`);
      if (scores && scores.accessibility < 100) failures.push(`${pathname || "/"}: accessibility ${scores.accessibility} < 100`);
    }
  } finally {
    await server.stop();
    await runCleanups();
  }
  console.log(table(rows));
  console.log(`targets: ≤ ${JS_BUDGET_KB} KB JavaScript per page, Lighthouse mobile performance ≥ 95, accessibility 100`);
  console.log(failures.length ? `missed:\n  ${failures.join("\n  ")}` : "all targets met");
}

main().catch(async (error) => {
  console.error(error);
  await runCleanups();
  process.exit(1);
});
