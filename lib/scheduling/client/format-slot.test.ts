import { afterEach, describe, expect, it, vi } from "vitest";

// The module remembers what Intl said; each test asks a fresh copy, after stubbing Intl if needed.
async function fresh() {
  vi.resetModules();
  return import("./format-slot");
}

afterEach(() => vi.restoreAllMocks());

// Tuesday 1 December 2026, 8:00–8:30 in San Ysidro (16:00Z).
const SLOT = { start: "2026-12-01T16:00:00Z", end: "2026-12-01T16:30:00Z" };
const PORT_ZONES = ["America/Los_Angeles", "America/Phoenix", "America/Denver", "America/Chicago"];
const LOCALES = ["en", "es", "fr", "ht", "pt", "ru", "ar"];
const ENGLISH = /\b(AM|PM|PT|MT|CT|Monday|Tuesday|December|May|Pacific|Mountain|Central)\b/;
const FRENCH = /\b(mardi|décembre|mai|heure)\b/;

describe("dates and times in Haitian Creole, which browsers do not have", () => {
  it("writes the day, the times and the zone in Creole, on the 24-hour clock", async () => {
    const { formatSlotRange, formatClock, formatDate, formatLocalMoment } = await fresh();
    expect(formatSlotRange(SLOT, "America/Los_Angeles", "ht")).toBe("madi 1ye desanm, 8:00\u00a0–\u00a08:30\u00a0lè\u00a0Pasifik");
    expect(formatSlotRange({ start: "2026-12-03T22:00:00Z", end: "2026-12-03T22:30:00Z" }, "America/Chicago", "ht")).toBe("jedi 3 desanm, 16:00\u00a0–\u00a016:30\u00a0lè\u00a0Santral");
    expect(formatClock("ht", "America/Phoenix", new Date(SLOT.start))).toBe("9:00\u00a0lè\u00a0Arizona");
    expect(formatDate("1990-05-17", "ht")).toBe("17 me 1990");
    expect(formatLocalMoment(SLOT.start, "ht")).toMatch(/^\d{1,2} desanm 2026 a \d{1,2}:\d\d$/);
    for (const text of [formatSlotRange(SLOT, "America/Denver", "ht"), formatDate("1992-08-14", "ht")]) {
      expect(text).not.toMatch(ENGLISH);
      expect(text).not.toMatch(FRENCH);
    }
  });

  it("keeps Puerta's Creole even where Intl claims to know ht (CLDR's ht is French)", async () => {
    vi.spyOn(Intl.DateTimeFormat, "supportedLocalesOf").mockImplementation((locales) => [locales].flat() as string[]);
    const { formatDay } = await fresh();
    expect(formatDay(SLOT.start, "ht", "America/Los_Angeles")).toBe("madi 1ye desanm");
  });

  it("falls back to digits alone, never English, where Intl lacks a language Puerta ships nothing for", async () => {
    vi.spyOn(Intl.DateTimeFormat, "supportedLocalesOf").mockReturnValue([]);
    const { formatSlotRange, formatDate, formatLocalMoment, formatClock } = await fresh();
    // The zone keeps its shipped Spanish name; the date and times need no words.
    expect(formatSlotRange(SLOT, "America/Los_Angeles", "es")).toBe("2026-12-01, 08:00\u00a0–\u00a008:30\u00a0hora\u00a0del\u00a0Pacífico");
    expect(formatDate("1990-05-17", "es")).toBe("1990-05-17");
    expect(formatLocalMoment(SLOT.start, "es")).toMatch(/^2026-12-0[12] \d\d:\d\d$/);
    // A zone Puerta has no name for is given as its offset, which is no language's.
    expect(formatClock("es", "Europe/Paris", new Date(SLOT.start))).toBe("17:00\u00a0UTC+1");
  });
});

describe("time zones as people say them", () => {
  it("names the ports' zones in every language, without a city, never broken across lines", async () => {
    const { formatTimeRange } = await fresh();
    for (const locale of LOCALES) {
      for (const zone of PORT_ZONES) {
        const text = formatTimeRange(SLOT.start, SLOT.end, locale, zone);
        expect(text, `${locale} ${zone}`).not.toMatch(/Los|Ángeles|Angeles|Лос|لوس|Denver|Chicago|Phoenix|GMT|UTC/);
        // Times and zone are one unbreakable piece: no space a line may break at.
        expect(text, `${locale} ${zone}`).not.toMatch(/[ \u2009]/);
      }
    }
    expect(formatTimeRange(SLOT.start, SLOT.end, "es", "America/Los_Angeles")).toMatch(/hora\u00a0del\u00a0Pacífico$/);
    expect(formatTimeRange(SLOT.start, SLOT.end, "en", "America/Los_Angeles")).toMatch(/AM\u00a0Pacific\u00a0time$/);
  });

  it("writes dates in the page's language where Intl speaks it", async () => {
    const { formatDate, formatDay } = await fresh();
    expect(formatDate("1992-05-14", "es")).toBe("14 de mayo de 1992");
    expect(formatDay(SLOT.start, "es", "America/Los_Angeles")).toBe("martes, 1 de diciembre");
  });
});
