/**
 * The draw's only source of chance: a stream of 32-bit words from the seed, so that anyone with
 * the published seed regenerates exactly the same stream.
 *
 * Block i (i = 0, 1, 2, ...) is SHA-256 of the ASCII string `${seed}:${i}` (seed in lowercase hex,
 * i in decimal); each block gives eight words, read big-endian in order. Simple enough to
 * re-implement in any language from this comment alone.
 */
import { sha256 } from "./hash";

const TWO_32 = 0x100000000;

export type Random = {
  /** Uniform integer in [0, n), 1 <= n <= 2^32. */
  int(n: number): number;
  /** Fisher–Yates shuffle into a new array; the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
};

export function isSeed(seed: unknown): seed is string {
  return typeof seed === "string" && /^[0-9a-f]{64}$/.test(seed);
}

export function createRandom(seed: string): Random {
  if (!isSeed(seed)) throw new Error("seed must be 64 lowercase hex characters");
  let counter = 0;
  let block: Uint8Array = new Uint8Array(32);
  let word = 8; // forces the first block to be generated

  function nextWord(): number {
    if (word === 8) {
      block = sha256(`${seed}:${counter++}`);
      word = 0;
    }
    const i = 4 * word++;
    return ((block[i] << 24) | (block[i + 1] << 16) | (block[i + 2] << 8) | block[i + 3]) >>> 0;
  }

  function int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new Error(`random range out of bounds: ${n}`);
    // Rejection sampling: accept only words below the largest multiple of n, so that `% n` maps
    // the same number of words to each result (a plain modulo favours the small results).
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const w = nextWord();
      if (w < limit) return w % n;
    }
  }

  function shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    // Walks from the end, swapping each position with a uniform pick among those not yet fixed:
    // every permutation equally likely (the classic bug, picking among all, is not).
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  return { int, shuffle };
}
