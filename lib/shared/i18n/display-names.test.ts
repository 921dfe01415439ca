import { afterEach, describe, expect, it, vi } from "vitest";
import { alpha3ToAlpha2 } from "@/lib/shared/countries/iso3166";

// The module remembers what Intl said; each test asks a fresh copy, after stubbing Intl if needed.
async function fresh() {
  vi.resetModules();
  return import("./display-names");
}

afterEach(() => vi.restoreAllMocks());

describe("names in Haitian Creole, which browsers do not have", () => {
  it("names every country of the ISO table in Creole, not French", async () => {
    const { regionName } = await fresh();
    for (const alpha2 of alpha3ToAlpha2.values()) expect(regionName("ht", alpha2), alpha2).not.toBe(alpha2);
    expect(regionName("ht", "HT")).toBe("Ayiti");
    expect(regionName("ht", "US")).toBe("Etazini");
    expect(regionName("ht", "MX")).toBe("Meksik");
    expect(regionName("ht", "ZA")).toBe("Afrik di Sid");
    expect(regionName("ht", "DO")).toBe("Repiblik Dominikèn");
  });

  it("keeps Puerta's Creole even where Intl claims to know ht (CLDR's ht is French)", async () => {
    vi.spyOn(Intl.DisplayNames, "supportedLocalesOf").mockImplementation((locales) => [locales].flat() as string[]);
    const { regionName, languageName } = await fresh();
    expect(regionName("ht", "ZA")).toBe("Afrik di Sid");
    expect(languageName("ht", "fr")).toBe("Franse");
  });

  it("answers with the code, never another language's word, where Intl lacks a language", async () => {
    vi.spyOn(Intl.DisplayNames, "supportedLocalesOf").mockReturnValue([]);
    const { regionName, languageName, countryName } = await fresh();
    expect(regionName("es", "MX")).toBe("MX");
    expect(countryName("es", "HND")).toBe("HN");
    expect(languageName("es", "fr")).toBeUndefined();
    // Creole does not depend on Intl at all.
    expect(countryName("ht", "HND")).toBe("Ondiras");
  });

  it("uses Intl where it speaks the language", async () => {
    const { regionName, languageName, countryName } = await fresh();
    expect(regionName("es", "ZA")).toBe("Sudáfrica");
    expect(languageName("ar", "es")).toBe("الإسبانية");
    expect(countryName("es", "XXA")).toBeUndefined();
  });
});
