import { describe, expect, it } from "vitest";
import { alpha3ToAlpha2, isCountryCode, isNationalityCode } from "./iso3166";

describe("ISO 3166 table", () => {
  it("holds every officially assigned country once", () => {
    expect(alpha3ToAlpha2.size).toBe(249);
    expect(new Set(alpha3ToAlpha2.values()).size).toBe(249);
  });

  it("maps to region codes Intl can name", () => {
    const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    for (const alpha2 of alpha3ToAlpha2.values()) expect(names.of(alpha2), alpha2).toBeTruthy();
    expect(names.of(alpha3ToAlpha2.get("HTI")!)).toBe("Haiti");
  });

  it("accepts ICAO's stateless and refugee codes as a nationality only", () => {
    expect(isNationalityCode("XXA")).toBe(true);
    expect(isCountryCode("XXA")).toBe(false);
    expect(isCountryCode("hti")).toBe(false);
    expect(isCountryCode("ZZZ")).toBe(false);
  });
});
