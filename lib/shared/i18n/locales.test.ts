import { describe, expect, it } from "vitest";
import { negotiateLocale, textDirection } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["es-MX,es;q=0.9,en;q=0.8", "es"],
    ["pt-BR", "pt"],
    ["ht", "ht"],
    ["de-DE,fr;q=0.5", "fr"],
    ["en;q=0.1,ru;q=0.9", "ru"],
    ["ar-SA", "ar"],
    ["zh-CN,ja", "en"],
    ["es;q=0,fr", "fr"],
    ["garbage;;;q=abc", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it("writes Arabic right to left and the rest left to right", () => {
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("ht")).toBe("ltr");
  });
});
