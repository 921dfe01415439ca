import { describe, expect, it } from "vitest";
import { canonicalCode, hashSecret, newAppointmentCode, newSecret, secretMatches } from "./secrets";

describe("appointment codes", () => {
  it("uses only unambiguous characters, in two groups of five", () => {
    for (let i = 0; i < 500; i++) expect(newAppointmentCode()).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
  });

  it("does not repeat across many draws", () => {
    const codes = new Set(Array.from({ length: 20_000 }, newAppointmentCode));
    expect(codes.size).toBe(20_000);
  });

  it("reads codes as people type them", () => {
    expect(canonicalCode("abcde fghjk")).toBe("ABCDE-FGHJK");
    expect(canonicalCode("ABCDEFGHJK")).toBe("ABCDE-FGHJK");
    expect(canonicalCode("ABCDE-FGHJ0")).toBeNull();
    expect(canonicalCode("ABC")).toBeNull();
  });
});

describe("secrets", () => {
  it("match only themselves", () => {
    const secret = newSecret();
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches(newSecret(), hashSecret(secret))).toBe(false);
    expect(secretMatches("", hashSecret(secret))).toBe(false);
  });
});
