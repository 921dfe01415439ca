import "server-only";
/**
 * Compares each translated message catalog with the English source and reports what a translator
 * must fix: missing, extra, broken (won't parse, or wrong shape) and placeholder mismatches.
 * Pure: the caller (scripts/i18n-check.ts) reads the files and passes their parsed JSON.
 *
 * Not detected yet: stale translations (English changed after the translation was made). One way
 * to add it: commit `messages/<locale>.lock.json` mapping each key path to a hash of the English
 * text that translation was made from, written when a translator signs off a locale. A message
 * whose current English hash differs from its locked hash is stale; a new kind here would list it.
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

export const SOURCE_LOCALE = "en";

interface BrokenMessage {
  key: string;
  /** The parser's error kind (e.g. `EXPECT_ARGUMENT_CLOSING_BRACE`), or ours for a wrong shape. */
  error: string;
  /** Plain-language explanation for the translator. */
  detail: string;
  /** 1-based character position of a syntax error in the message. */
  at?: number;
  /** The message text as written, so it can be found in the file. */
  message?: string;
}

interface PlaceholderMismatch {
  key: string;
  /** In English, not in the translation, written as `{name}` or `<tag>`. */
  missing: string[];
  /** In the translation, not in English. */
  unexpected: string[];
  /** A likely cause worth telling the translator about. */
  hint?: string;
}

export interface LocaleReport {
  locale: string;
  /** Why the file could not be read at all; when set, nothing else was checked. */
  unreadable?: string;
  missing: string[];
  /** English groups absent as a whole (their messages are in `missing` too); printed collapsed. */
  missingGroups: string[];
  extra: string[];
  broken: BrokenMessage[];
  placeholders: PlaceholderMismatch[];
}

export interface Report {
  source: string;
  /** How many messages English has. */
  messages: number;
  ok: boolean;
  locales: LocaleReport[];
}

type Group = Record<string, unknown>;

const isGroup = (value: unknown): value is Group =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * @param locales every locale to report on, in report order (including the source).
 * @param catalogs parsed JSON by locale; the source must be present and be an object.
 * @param unreadable by locale, why its file could not be loaded.
 */
export function checkCatalogs(
  locales: readonly string[],
  catalogs: Readonly<Record<string, unknown>>,
  unreadable: Readonly<Record<string, string>> = {},
): Report {
  const english = catalogs[SOURCE_LOCALE];
  if (!isGroup(english)) throw new Error(`The ${SOURCE_LOCALE} catalog must be a JSON object.`);

  const reports = locales.map((locale): LocaleReport => {
    const report: LocaleReport = { locale, missing: [], missingGroups: [], extra: [], broken: [], placeholders: [] };
    const catalog = catalogs[locale];
    if (unreadable[locale] !== undefined) report.unreadable = unreadable[locale];
    else if (catalog === undefined) report.unreadable = "No catalog was found for this language.";
    else if (!isGroup(catalog)) report.unreadable = `The file must hold a JSON object, not ${describe(catalog)}.`;
    else if (locale === SOURCE_LOCALE) checkSource(english, "", report);
    else compare(english, catalog, "", report);
    return sortReport(report);
  });

  return {
    source: SOURCE_LOCALE,
    messages: messagePaths(english, "").length,
    ok: reports.every((r) => problemCount(r) === 0),
    locales: reports,
  };
}

function problemCount(r: LocaleReport): number {
  return (r.unreadable ? 1 : 0) + r.missing.length + r.extra.length + r.broken.length + r.placeholders.length;
}

/** English is only checked for what can break on its own: shape and syntax. */
function checkSource(group: Group, prefix: string, report: LocaleReport): void {
  for (const [key, value] of Object.entries(group)) {
    const path = join(prefix, key);
    if (isGroup(value)) checkSource(value, path, report);
    else if (typeof value !== "string") report.broken.push(notText(path, value));
    else {
      const parsed = analyze(value);
      if ("error" in parsed) report.broken.push({ key: path, ...parsed, message: value });
    }
  }
}

/**
 * Walks English and the translation side by side (rather than flattening both to dotted paths) so
 * that a key literally named "a.b" can't pass for the nested a → b that next-intl would look up.
 */
function compare(english: Group, translated: Group, prefix: string, report: LocaleReport): void {
  for (const [key, source] of Object.entries(english)) {
    const path = join(prefix, key);
    if (!Object.hasOwn(translated, key)) {
      const paths = messagePaths(source, path);
      report.missing.push(...paths);
      if (isGroup(source) && paths.length) report.missingGroups.push(path);
    } else if (isGroup(source)) {
      const value = translated[key];
      if (isGroup(value)) compare(source, value, path, report);
      else report.broken.push({ key: path, error: "EXPECTED_GROUP", detail: `English has a group of messages here, but this is ${describe(value)}.` });
    } else if (typeof source === "string") compareMessage(path, source, translated[key], report);
    // Any other English value is reported under English; there is nothing to compare it with.
  }
  for (const [key, value] of Object.entries(translated)) {
    if (!Object.hasOwn(english, key)) report.extra.push(...leafPaths(value, join(prefix, key)));
  }
}

function compareMessage(key: string, source: string, value: unknown, report: LocaleReport): void {
  if (typeof value !== "string") {
    report.broken.push(notText(key, value));
    return;
  }
  const translated = analyze(value);
  if ("error" in translated) {
    report.broken.push({ key, ...translated, message: value });
    return;
  }
  const expected = analyze(source);
  if ("error" in expected) return; // English is broken: reported under English.
  const missing = expected.placeholders.filter((p) => !translated.placeholders.includes(p));
  const unexpected = translated.placeholders.filter((p) => !expected.placeholders.includes(p));
  if (!missing.length && !unexpected.length) return;
  // ICU reads an apostrophe before "{" or "<" as "quote what follows", so in French "l'{name}"
  // the placeholder silently becomes text. Common enough in fr/ht/pt to name outright.
  const quoted = missing.length > 0 && /'[{<]/.test(value.replaceAll("''", ""));
  report.placeholders.push({ key, missing, unexpected, ...(quoted && { hint: APOSTROPHE_HINT }) });
}

const APOSTROPHE_HINT =
  "An apostrophe (') right before \"{\" or \"<\" turns what follows into plain text. Use ’ instead, or write '' for a plain apostrophe.";

type Analysis = { placeholders: string[] } | { error: string; detail: string; at?: number };

function analyze(message: string): Analysis {
  try {
    // next-intl formats with intl-messageformat, which refuses a plural/select without `other`.
    // The parser checks that by default; it is spelled out so a change of default can't hide it.
    const ast = parse(message, { requiresOtherClause: true });
    return { placeholders: [...new Set(placeholdersOf(ast))].sort() };
  } catch (err) {
    // The parser throws a SyntaxError whose message is the ErrorKind name, plus a location.
    const e = err as { message?: string; location?: { start: { offset: number } } };
    const error = e.message ?? String(err);
    return { error, detail: HINTS[error] ?? "This is not valid ICU message syntax.", at: e.location && e.location.start.offset + 1 };
  }
}

/** Argument names as `{name}` and rich-text tags as `<tag>`, including those nested in options and tags. */
function placeholdersOf(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((el): string[] => {
    switch (el.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        return [`{${el.value}}`];
      case TYPE.plural:
      case TYPE.select:
        return [`{${el.value}}`, ...Object.values(el.options).flatMap((o) => placeholdersOf(o.value))];
      case TYPE.tag:
        return [`<${el.value}>`, ...placeholdersOf(el.children)];
      default:
        return []; // literal text, and `#` (it stands for the plural's own argument)
    }
  });
}

// For the error kinds a translator is likely to cause; others show only the parser's kind.
const HINTS: Record<string, string> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: 'A "{" is not closed with "}".',
  EMPTY_ARGUMENT: 'There is nothing between "{" and "}".',
  MALFORMED_ARGUMENT: 'Only a name copied from English may come between "{" and "}". Is a "}" missing?',
  EXPECT_ARGUMENT_TYPE: 'After "{name," must come plural, select, number, date or time.',
  INVALID_ARGUMENT_TYPE: 'After "{name," must come plural, select, number, date or time: keep these words in English.',
  MISSING_OTHER_CLAUSE: 'A plural or select needs an "other {…}" option.',
  EXPECT_PLURAL_ARGUMENT_SELECTOR_FRAGMENT: 'Each plural option (one, other…) must be followed by text in "{…}".',
  EXPECT_SELECT_ARGUMENT_SELECTOR_FRAGMENT: 'Each select option must be followed by text in "{…}".',
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: "The same plural option appears twice.",
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: "The same select option appears twice.",
  UNCLOSED_TAG: "A tag like <b> is not closed with </b>.",
  UNMATCHED_CLOSING_TAG: "A closing tag does not match the tag it closes.",
  INVALID_TAG: "A tag is written wrong. Copy tags from English.",
  INVALID_TAG_NAME: "A tag name is written wrong. Copy tags from English.",
};

function notText(key: string, value: unknown): BrokenMessage {
  return { key, error: "EXPECTED_TEXT", detail: `English has a message here, but this is ${describe(value)}.` };
}

function describe(value: unknown): string {
  if (isGroup(value)) return "a group of messages";
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "string") return "a single message";
  return `a ${typeof value}`;
}

/** Paths of the messages in an English value: its text leaves (anything else is reported as broken). */
function messagePaths(value: unknown, path: string): string[] {
  if (isGroup(value)) return Object.entries(value).flatMap(([k, v]) => messagePaths(v, join(path, k)));
  return typeof value === "string" ? [path] : [];
}

/** Paths of everything in a translated value that English lacks, whatever its type. */
function leafPaths(value: unknown, path: string): string[] {
  const entries = isGroup(value) ? Object.entries(value) : [];
  return entries.length ? entries.flatMap(([k, v]) => leafPaths(v, join(path, k))) : [path];
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

// Plain code-unit order, not localeCompare: the same output on every machine.
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function sortReport(r: LocaleReport): LocaleReport {
  r.missing.sort();
  r.missingGroups.sort();
  r.extra.sort();
  r.broken.sort(byKey);
  r.placeholders.sort(byKey);
  return r;
}

/** Human-readable report. When every catalog matches, a single line. */
export function formatReport(report: Report): string {
  const total = report.locales.length;
  if (report.ok) return `All ${total} catalogs match English: ${report.messages} messages each.`;

  const names = new Intl.DisplayNames(["en"], { type: "language" });
  const lines: string[] = [];
  for (const r of report.locales) {
    lines.push(`${r.locale} (${names.of(r.locale)})${r.locale === report.source ? " — the source" : ""}`);
    if (r.unreadable) lines.push(`  Could not be read: ${r.unreadable}`);
    else if (problemCount(r) === 0) lines.push("  OK");
    section(lines, "Missing — in English, not here", missingLines(r), r.missing.length);
    section(lines, "Extra — here, not in English", r.extra.map((key) => key));
    section(lines, "Broken", r.broken.map(formatBroken));
    section(lines, "Placeholders differ from English", r.placeholders.map(formatPlaceholders));
    lines.push("");
  }

  const failing = report.locales.filter((r) => problemCount(r) > 0);
  const sum = (pick: (r: LocaleReport) => number) => failing.reduce((n, r) => n + pick(r), 0);
  const counts = [
    count(sum((r) => (r.unreadable ? 1 : 0)), "unreadable catalog"),
    count(sum((r) => r.missing.length), "missing message"),
    count(sum((r) => r.extra.length), "extra message"),
    count(sum((r) => r.broken.length), "broken message"),
    count(sum((r) => r.placeholders.length), "placeholder mismatch", "placeholder mismatches"),
  ].filter(Boolean);
  const which = failing.map((r) => r.locale).join(", ");
  lines.push(`Problems in ${failing.length} of ${total} catalogs (${which}): ${counts.join(", ")}.`);
  return lines.join("\n");
}

function section(lines: string[], title: string, items: string[], total = items.length): void {
  if (items.length === 0) return;
  lines.push(`  ${title} (${total}):`, ...items.map((item) => `    ${item}`));
}

/** A whole missing group (a new screen, usually) as one line instead of one per message. */
function missingLines(r: LocaleReport): string[] {
  const inGroup = (key: string) => r.missingGroups.some((g) => key.startsWith(`${g}.`));
  const groups = r.missingGroups.map((g) => {
    const n = r.missing.filter((key) => key.startsWith(`${g}.`)).length;
    return `${g}.* — the whole group, ${count(n, "message")}`;
  });
  return [...groups, ...r.missing.filter((key) => !inGroup(key))].sort();
}

function formatBroken(b: BrokenMessage): string {
  const where = b.at ? ` at character ${b.at}` : "";
  const text = b.message === undefined ? "" : `\n      ${JSON.stringify(b.message)}`;
  return `${b.key}: ${b.error}${where}. ${b.detail}${text}`;
}

function formatPlaceholders(p: PlaceholderMismatch): string {
  const parts = [];
  if (p.missing.length) parts.push(`missing ${p.missing.join(" ")}`);
  if (p.unexpected.length) parts.push(`unexpected ${p.unexpected.join(" ")}`);
  return `${p.key}: ${parts.join("; ")}${p.hint ? `\n      ${p.hint}` : ""}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return n === 0 ? "" : `${n} ${n === 1 ? one : many}`;
}
