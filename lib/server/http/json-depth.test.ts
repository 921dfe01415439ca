import { describe, expect, it } from "vitest";
import { nestsTooDeeply } from "./json-depth";

const nested = (depth: number, open = "[", close = "]") => JSON.parse(open.repeat(depth) + close.repeat(depth));

describe("nestsTooDeeply", () => {
  it("allows 64 levels of arrays or objects, refuses 65", () => {
    expect(nestsTooDeeply(nested(64))).toBe(false);
    expect(nestsTooDeeply(nested(65))).toBe(true);
    const objects = (depth: number) => JSON.parse('{"a":'.repeat(depth) + "1" + "}".repeat(depth));
    expect(nestsTooDeeply(objects(64))).toBe(false);
    expect(nestsTooDeeply(objects(65))).toBe(true);
  });

  it("finds the deep branch among shallow ones, and walks 100,000 levels without overflowing", () => {
    expect(nestsTooDeeply({ travelers: [{ document: { number: "X" } }], other: [1, 2, { deep: nested(70) }] })).toBe(true);
    expect(nestsTooDeeply(nested(100_000))).toBe(true);
  });

  it("counts no depth for plain values", () => {
    for (const value of [null, 1, "[[[[", true]) expect(nestsTooDeeply(value)).toBe(false);
  });
});
