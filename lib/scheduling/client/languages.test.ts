import { describe, expect, it } from "vitest";
import { languageName } from "@/lib/shared/i18n/display-names";
import { locales } from "@/lib/shared/i18n/locales";
import { travelerLanguages } from "./languages";

describe("the interview languages", () => {
  it("names every interview language in Creole, which the browser does not speak", () => {
    for (const code of travelerLanguages) expect(languageName("ht", code), code).toBeTruthy();
    expect(languageName("ht", "es")).toBe("Panyòl");
    expect(languageName("ht", "ht")).toBe("Kreyòl ayisyen");
    expect(languageName("ht", "xx")).toBeUndefined();
  });

  it("are named in every language Puerta speaks", () => {
    for (const locale of locales) for (const code of travelerLanguages) expect(languageName(locale, code), `${locale} ${code}`).toBeTruthy();
  });
});
