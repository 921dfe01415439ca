import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRandom } from "./random";
import { CHI2_CRITICAL_P001, chiSquare, testSeed } from "./test-support";

const TWO_32 = 2 ** 32;

describe("createRandom", () => {
  it("follows its published definition: words of SHA-256(`${seed}:${i}`), big-endian", () => {
    const seed = testSeed("spec");
    const rng = createRandom(seed);
    for (let i = 0; i < 5; i++) {
      const block = createHash("sha256").update(`${seed}:${i}`).digest();
      for (let w = 0; w < 8; w++) expect(rng.int(TWO_32)).toBe(block.readUInt32BE(4 * w));
    }
  });

  it("refuses seeds that are not 64 lowercase hex characters and ranges out of bounds", () => {
    expect(() => createRandom("AB".repeat(32))).toThrow();
    expect(() => createRandom("ab".repeat(31))).toThrow();
    const rng = createRandom(testSeed(1));
    for (const n of [0, -1, 1.5, TWO_32 + 1, Number.NaN]) expect(() => rng.int(n)).toThrow();
    expect(rng.int(1)).toBe(0);
  });

  it("gives uniform integers (chi-square over 7 values, 70,000 draws, p = 0.001)", () => {
    const rng = createRandom(testSeed("uniform"));
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
    expect(chiSquare(counts, new Array(7).fill(10_000))).toBeLessThan(CHI2_CRITICAL_P001[6]);
  });

  it("has no modulo bias: with n = 3·2^30 a plain modulo would put half the results below 2^30, not a third", () => {
    const rng = createRandom(testSeed("modulo"));
    const n = 3 * 2 ** 30;
    let low = 0;
    for (let i = 0; i < 30_000; i++) low += rng.int(n) < 2 ** 30 ? 1 : 0;
    expect(Math.abs(low / 30_000 - 1 / 3)).toBeLessThan(0.02); // about 7 standard deviations
  });
});

describe("shuffle", () => {
  it("makes all 24 orders of 4 items equally likely (chi-square, 24,000 shuffles, p = 0.001)", () => {
    const rng = createRandom(testSeed("shuffle"));
    const counts = new Map<string, number>();
    for (let i = 0; i < 24_000; i++) {
      const key = rng.shuffle([0, 1, 2, 3]).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24); // a classic off-by-one (Sattolo's algorithm) reaches only 6
    expect(chiSquare([...counts.values()], new Array(24).fill(1000))).toBeLessThan(CHI2_CRITICAL_P001[23]);
  });

  it("leaves its input alone and is reproducible from the seed", () => {
    const items = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const a = createRandom(testSeed(9)).shuffle(items);
    expect(createRandom(testSeed(9)).shuffle(items)).toEqual(a);
    expect([...a].sort()).toEqual([...items]);
  });
});
