/** Builders for the draw's tests (not used by the draw itself). */
import { sha256Hex } from "./hash";
import { createRandom, type Random } from "./random";
import type { DrawEntry, DrawInput, DrawSlot } from "./types";

export const DAY_MS = 86_400_000;
const BASE_MS = Date.parse("2026-01-01T00:00:00Z");

/** A fixed, distinct seed per label: tests are reproducible, never flaky. */
export function testSeed(label: string | number): string {
  return sha256Hex(`test-seed:${label}`);
}

/** An entry of `seats` travelers with their own person keys, waiting since `waitedMs` after the base. */
export function entry(entryId: string, waitedMs: number, seats = 1, extra: Partial<DrawEntry> = {}): DrawEntry {
  return {
    entryId,
    seats,
    waitingSince: new Date(BASE_MS + waitedMs).toISOString(),
    preferredDates: [],
    personKeys: Array.from({ length: seats }, (_, i) => `${entryId}/p${i}`),
    ...extra,
  };
}

export function slots(...capacities: number[]): DrawSlot[] {
  return capacities.map((capacity, i) => ({ slotId: `s${String(i).padStart(2, "0")}`, capacity }));
}

export function input(entries: DrawEntry[], slotList: DrawSlot[], extra: Partial<DrawInput> = {}): DrawInput {
  return { portId: "san-ysidro", date: "2026-02-01", seed: testSeed(0), longestWaitingShare: 0.5, slots: slotList, entries, ...extra };
}

/**
 * A random small draw for property tests: groups of every size, preferred dates on and off the
 * day, and person keys drawn from a small pool so that duplicates are frequent.
 */
export function randomInput(rng: Random, label: number): DrawInput {
  const slotList = slots(...Array.from({ length: 1 + rng.int(5) }, () => rng.int(13)));
  // Half the draws also offer seats of the day before (freed after its own draw), first in time.
  if (rng.int(2) === 0) slotList.unshift({ slotId: "earlier", capacity: rng.int(8), date: "2026-01-31" });
  const people = 5 + rng.int(60);
  const entries = Array.from({ length: rng.int(40) }, (_, i): DrawEntry => {
    const seats = 1 + rng.int(rng.int(4) === 0 ? 10 : 3);
    const keys = new Set<string>();
    while (keys.size < seats) keys.add(rng.int(3) === 0 ? `shared-${rng.int(people)}` : `own-${i}-${keys.size}`);
    const dates = [[], ["2026-02-01"], ["2026-02-02"], ["2026-02-01", "2026-02-03"], ["2026-01-31"]][rng.int(5)];
    return entry(`e${i}`, rng.int(5) * DAY_MS, seats, { personKeys: [...keys], preferredDates: dates });
  });
  const share = [0, 0.25, 0.5, 0.5, 1][rng.int(5)];
  return input(entries, slotList, { seed: testSeed(`prop-${label}`), longestWaitingShare: share });
}

/** A deterministic reorder of everything whose order must not matter. */
export function scrambled(draw: DrawInput, seedLabel: string): DrawInput {
  const rng = createRandom(testSeed(seedLabel));
  return {
    ...draw,
    entries: rng.shuffle(draw.entries).map((e) => ({
      ...e,
      personKeys: rng.shuffle(e.personKeys),
      preferredDates: rng.shuffle(e.preferredDates),
    })),
  };
}

/** Pearson's chi-square statistic, for the draw's statistical tests. */
export function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]) ** 2 / expected[i], 0);
}

/**
 * Critical values χ²(df) at p = 0.001 (scipy.stats.chi2.ppf(0.999, df)): a correct implementation
 * exceeds them with probability 0.1% for a given set of seeds. The seeds are fixed, so a pass is a
 * pass every time: the tests cannot flake.
 */
export const CHI2_CRITICAL_P001: Record<number, number> = { 6: 22.458, 23: 49.728, 26: 54.052 };
