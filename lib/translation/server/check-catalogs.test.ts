import { describe, expect, it } from "vitest";
import { checkCatalogs, formatReport, type LocaleReport } from "./check-catalogs";

// A small English source using each ICU feature the checker has to understand.
const en = {
  start: { title: "Puerta" },
  errors: {
    too_long: "Use at most {max} characters.",
    files: "{count, plural, one {# file in {folder}} other {# files in {folder}}}",
    role: "{role, select, parent {Parent} other {Traveler}}",
    when: "Come on {date, date, long} at {date, time, short}.",
    terms: "Read the <link>rules</link>, <b>{name}</b>.",
  },
};

// A faithful translation: same keys, same arguments and tags.
const es = {
  start: { title: "Puerta" },
  errors: {
    too_long: "Use {max} caracteres como máximo.",
    files: "{count, plural, one {# archivo en {folder}} other {# archivos en {folder}}}",
    role: "{role, select, parent {Padre} other {Viajero}}",
    when: "Venga el {date, date, long} a las {date, time, short}.",
    terms: "<b>{name}</b>, lea las <link>reglas</link>.",
  },
};

// `es` with the `start` group left out, as when a new screen hasn't been translated yet.
const { start: _start, ...esWithoutStart } = es;

/** Checks English plus one translation and returns the translation's report. */
function check(translated: unknown): LocaleReport {
  return checkCatalogs(["en", "xx"], { en, xx: translated }).locales[1];
}

/** A copy of `es` with some messages replaced. */
const withErrors = (errors: Record<string, unknown>) => ({ ...es, errors: { ...es.errors, ...errors } });

describe("checkCatalogs", () => {
  it("passes a faithful translation", () => {
    const report = checkCatalogs(["en", "es"], { en, es });
    expect(report.ok).toBe(true);
    expect(report.messages).toBe(6);
    expect(formatReport(report)).toBe("All 2 catalogs match English: 6 messages each.");
  });

  it("lists missing and extra messages by dotted path, sorted", () => {
    const r = check({ old: { b: "y", a: "x" }, ...esWithoutStart, errors: { zzz: "?", ...es.errors } });
    expect(r.missing).toEqual(["start.title"]);
    expect(r.missingGroups).toEqual(["start"]);
    expect(r.extra).toEqual(["errors.zzz", "old.a", "old.b"]);
  });

  it("treats a key absent from the object as missing", () => {
    const { too_long: _tooLong, ...rest } = es.errors;
    expect(check({ ...es, errors: rest }).missing).toEqual(["errors.too_long"]);
  });

  it("does not mistake a key containing a dot for a nested one", () => {
    const r = check({ "start.title": "Puerta", errors: es.errors });
    expect(r.missing).toEqual(["start.title"]);
    expect(r.extra).toEqual(["start.title"]);
  });

  it("reports syntax errors with the parser's error kind and position", () => {
    const r = check(
      withErrors({
        too_long: "Use {max caracteres.", // the usual slip: "}" forgotten mid-sentence
        files: "{count, plural, one {# archivo en {folder}}}", // no `other`
        role: "{role, selecto, parent {Padre} other {Viajero}}", // keyword translated
        when: "Venga el {date",
      }),
    );
    expect(r.broken).toEqual([
      expect.objectContaining({ key: "errors.files", error: "MISSING_OTHER_CLAUSE" }),
      expect.objectContaining({ key: "errors.role", error: "INVALID_ARGUMENT_TYPE" }),
      expect.objectContaining({ key: "errors.too_long", error: "MALFORMED_ARGUMENT", at: 5, message: "Use {max caracteres." }),
      expect.objectContaining({ key: "errors.when", error: "EXPECT_ARGUMENT_CLOSING_BRACE", at: 10 }),
    ]);
    expect(r.placeholders).toEqual([]); // a broken message is not also compared
  });

  it("reports an unclosed tag", () => {
    expect(check(withErrors({ terms: "<b>{name}, lea las <link>reglas</link>." })).broken).toEqual([
      expect.objectContaining({ key: "errors.terms", error: "UNCLOSED_TAG" }),
    ]);
  });

  it("reports a value of the wrong shape as broken, without listing its contents", () => {
    const r = check({ start: "Puerta", errors: { ...es.errors, too_long: { max: "x" }, role: 3, when: null } });
    expect(r.broken.map((b) => [b.key, b.error])).toEqual([
      ["errors.role", "EXPECTED_TEXT"],
      ["errors.too_long", "EXPECTED_TEXT"],
      ["errors.when", "EXPECTED_TEXT"],
      ["start", "EXPECTED_GROUP"],
    ]);
    expect(r.broken[1].detail).toBe("English has a message here, but this is a group of messages.");
    expect(r.missing).toEqual([]);
    expect(r.extra).toEqual([]);
  });

  it("compares arguments, including those nested in plural and select options, and tags", () => {
    const r = check(
      withErrors({
        too_long: "Use {maximo} caracteres.", // renamed
        files: "{count, plural, one {# archivo} other {# archivos}}", // dropped nested {folder}
        role: "{role, select, parent {Padre {name}} other {Viajero}}", // added inside an option
        when: "Venga el {date, date, long}.", // same name twice in English: still one {date}
        terms: "Lea las <a>reglas</a>, <b>{name}</b>.", // tag renamed
      }),
    );
    expect(r.placeholders).toEqual([
      { key: "errors.files", missing: ["{folder}"], unexpected: [] },
      { key: "errors.role", missing: [], unexpected: ["{name}"] },
      { key: "errors.terms", missing: ["<link>"], unexpected: ["<a>"] },
      { key: "errors.too_long", missing: ["{max}"], unexpected: ["{maximo}"] },
    ]);
  });

  it("counts `#` as the plural's own argument, and a plain argument as matching a plural", () => {
    const r = check(withErrors({ files: "{count} archivo(s) en {folder}" }));
    expect(r.placeholders).toEqual([]);
    const lost = check(withErrors({ files: "# archivos en {folder}" })); // `#` outside a plural is text
    expect(lost.placeholders).toEqual([{ key: "errors.files", missing: ["{count}"], unexpected: [] }]);
  });

  it("explains an apostrophe that quotes a placeholder away", () => {
    const r = check(withErrors({ too_long: "Pas plus de caractères qu'{max}." }));
    expect(r.placeholders[0]).toMatchObject({ missing: ["{max}"], hint: expect.stringContaining("’") });
    // A doubled apostrophe is a literal one, so the placeholder survives.
    expect(check(withErrors({ too_long: "Pas plus qu''{max} caractères." })).placeholders).toEqual([]);
  });

  it("checks that English itself parses, and does not blame translations for it", () => {
    const broken = { ...en, errors: { ...en.errors, too_long: "Use at most {max characters.", count: 5 } };
    const report = checkCatalogs(["en", "es"], { en: broken, es });
    expect(report.locales[0].broken.map((b) => [b.key, b.error])).toEqual([
      ["errors.count", "EXPECTED_TEXT"],
      ["errors.too_long", "MALFORMED_ARGUMENT"],
    ]);
    expect(report.locales[1]).toMatchObject({ missing: [], broken: [], placeholders: [] });
    expect(report.ok).toBe(false);
  });

  it("reports a catalog that could not be read, or is not an object", () => {
    const report = checkCatalogs(["en", "fr", "ht", "ru"], { en, ht: [], ru: es }, { fr: "not valid JSON" });
    expect(report.locales.map((r) => r.unreadable)).toEqual([
      undefined,
      "not valid JSON",
      "The file must hold a JSON object, not a list.",
      undefined,
    ]);
  });
});

describe("formatReport", () => {
  it("prints each language, its problems by kind, and a summary", () => {
    const fr = { ...esWithoutStart, errors: { ...es.errors, too_long: "Pas plus de {max caractères.", old: "x" } };
    const report = checkCatalogs(["en", "es", "fr"], { en, es, fr });
    expect(formatReport(report)).toBe(
      [
        "en (English) — the source",
        "  OK",
        "",
        "es (Spanish)",
        "  OK",
        "",
        "fr (French)",
        "  Missing — in English, not here (1):",
        "    start.* — the whole group, 1 message",
        "  Extra — here, not in English (1):",
        "    errors.old",
        "  Broken (1):",
        '    errors.too_long: MALFORMED_ARGUMENT at character 13. Only a name copied from English may come between "{" and "}". Is a "}" missing?',
        '      "Pas plus de {max caractères."',
        "",
        "Problems in 1 of 3 catalogs (fr): 1 missing message, 1 extra message, 1 broken message.",
      ].join("\n"),
    );
  });

  it("prints placeholder mismatches with what is missing and what is unexpected", () => {
    const report = checkCatalogs(["en", "es"], { en, es: withErrors({ too_long: "Use {maximo} caracteres." }) });
    expect(formatReport(report)).toContain("    errors.too_long: missing {max}; unexpected {maximo}\n");
    expect(formatReport(report)).toMatch(/: 1 placeholder mismatch\.$/);
  });
});
