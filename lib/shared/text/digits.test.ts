import { describe, expect, it } from "vitest";
import { asciiDigits } from "./digits";

describe("digits as people type them", () => {
  it("reads Arabic-Indic, Eastern Arabic-Indic (Persian) and full-width digits as 0-9", () => {
    expect(asciiDigits("١٥ ٣ ١٩٩٠")).toBe("15 3 1990");
    expect(asciiDigits("۱۵ ۳ ۱۹۹۰")).toBe("15 3 1990");
    expect(asciiDigits("１５ ３ １９９０")).toBe("15 3 1990");
    expect(asciiDigits("0123456789")).toBe("0123456789");
    expect(asciiDigits("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")).toBe("01234567890123456789");
  });

  it("drops the invisible direction marks a right-to-left keyboard adds, and leaves other text alone", () => {
    expect(asciiDigits("\u200f١٩٩٠\u200e")).toBe("1990");
    expect(asciiDigits("\u061c12")).toBe("12");
    expect(asciiDigits("ab-١")).toBe("ab-1");
    expect(asciiDigits("")).toBe("");
  });
});
