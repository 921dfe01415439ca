import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "./forwarded-for.mjs";

describe("resolveClientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress("10.0.0.9", "1.2.3.4", 0)).toBe("10.0.0.9");
  });

  it("takes the entry the trusted proxy appended, not one the client wrote", () => {
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.5", 1)).toBe("203.0.113.5");
    expect(resolveClientAddress("10.0.0.1", ["6.6.6.6", "203.0.113.5, 10.0.0.2"], 2)).toBe("203.0.113.5");
  });

  it("falls back to the socket when the chain is shorter than the proxies", () => {
    expect(resolveClientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
  });
});
