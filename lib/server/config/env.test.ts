import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

describe("parseConfig", () => {
  it("leaves the attestations to the eligibility domain when none are configured", () => {
    expect(parseConfig({}).PUERTA_ATTESTATIONS).toBeUndefined();
  });

  it("reads a configured list of attestations", () => {
    expect(parseConfig({ PUERTA_ATTESTATIONS: "in_mexico, adult" }).PUERTA_ATTESTATIONS).toEqual(["in_mexico", "adult"]);
  });

  it("stops on an empty list of attestations, naming the variable", () => {
    expect(() => parseConfig({ PUERTA_ATTESTATIONS: " , " })).toThrow(/PUERTA_ATTESTATIONS/);
  });

  it.each(["0", "1.5", "ten", "3651"])("stops on NEXT_PUBLIC_DRAFT_EXPIRY_DAYS=%s, naming the variable", (value) => {
    expect(() => parseConfig({ NEXT_PUBLIC_DRAFT_EXPIRY_DAYS: value })).toThrow(ConfigError);
    expect(() => parseConfig({ NEXT_PUBLIC_DRAFT_EXPIRY_DAYS: value })).toThrow(/NEXT_PUBLIC_DRAFT_EXPIRY_DAYS/);
  });

  it("accepts a whole number of days for unsent answers", () => {
    expect(parseConfig({ NEXT_PUBLIC_DRAFT_EXPIRY_DAYS: "14" }).NEXT_PUBLIC_DRAFT_EXPIRY_DAYS).toBe(14);
  });

  it("holds 128 MiB of request bodies by default, enough for the largest application sealed", () => {
    expect(parseConfig({}).BODY_MEMORY_BUDGET_BYTES).toBe(128 * 1024 * 1024);
  });

  it("stops on a body budget that could never take the largest application, naming both settings", () => {
    // 6 MiB of plaintext (the default) is 8 MiB sealed, 14 MiB held: it must fit half the budget.
    const tooSmall = { BODY_MEMORY_BUDGET_BYTES: String(24 * 1024 * 1024) };
    expect(() => parseConfig(tooSmall)).toThrow(ConfigError);
    expect(() => parseConfig(tooSmall)).toThrow(/BODY_MEMORY_BUDGET_BYTES.*MAX_BODY_BYTES=6291456/);
    const smallerBodies = { ...tooSmall, MAX_BODY_BYTES: String(5 * 1024 * 1024) };
    expect(parseConfig(smallerBodies).BODY_MEMORY_BUDGET_BYTES).toBe(24 * 1024 * 1024);
  });

  it("logs from info by default, and takes warn or error; another level stops start-up, naming it", () => {
    expect(parseConfig({}).LOG_LEVEL).toBe("info");
    expect(parseConfig({ LOG_LEVEL: "warn" }).LOG_LEVEL).toBe("warn");
    expect(() => parseConfig({ LOG_LEVEL: "debug" })).toThrow(/LOG_LEVEL/);
  });
});
