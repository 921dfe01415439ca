/**
 * Is the random phase really random? The 2012 Diversity Visa lottery was voided because a bug drew
 * about 90% of its winners from the first two days of the entry period; these tests would catch
 * that kind of bias, and a much smaller one.
 *
 * Design: 300 single travelers whose waitingSince spans 30 days uniformly (10 a day), 60 seats,
 * share 0.5. Phase 1 must take exactly the 30 longest-waiting (days 0-2); phase 2 draws 30 of the
 * 270 others (days 3-29, 27 buckets of 10). The entryIds sort in waiting order, the worst case:
 * a draw that did not shuffle, or shuffled badly, would favour the earliest entries. Over 2,000
 * seeds (60,000 random winners, about 2,222 per bucket):
 * - chi-square of winners per waiting day against uniform, 26 degrees of freedom, p = 0.001
 *   (critical value 54.05). Drawing without replacement within a draw makes the buckets slightly
 *   negatively correlated, which only lowers the statistic: the test is, if anything, conservative;
 * - the first two days of the pool must hold 2/27 (7.4%) of the winners within ±1 percentage point,
 *   about ten standard deviations: no false alarm, yet DV-2012 (90%) is 80 points out.
 * A negative control runs the same checks on a deliberately tilted sampler and expects them to fail.
 */
import { describe, expect, it } from "vitest";
import { allocate } from "./allocate";
import { createRandom } from "./random";
import { CHI2_CRITICAL_P001, DAY_MS, chiSquare, entry, input, slots, testSeed } from "./test-support";

const DAYS = 30;
const PER_DAY = 10;
const DRAWS = 2_000;
const PHASE1_DAYS = 3; // floor(0.5 × 60) = 30 seats = the first three days
const WINNERS = 30;
const BUCKETS = DAYS - PHASE1_DAYS;
const POOL = BUCKETS * PER_DAY;
const TOLERANCE = 0.01;

const entries = Array.from({ length: DAYS * PER_DAY }, (_, k) => entry(`w${String(k).padStart(3, "0")}`, (k * DAY_MS) / PER_DAY));
const dayOf = (entryId: string) => Math.floor(Number(entryId.slice(1)) / PER_DAY);

function assess(bucketCounts: number[]) {
  const total = bucketCounts.reduce((a, b) => a + b, 0);
  return {
    chi2: chiSquare(bucketCounts, new Array(BUCKETS).fill(total / BUCKETS)),
    firstTwoDays: (bucketCounts[0] + bucketCounts[1]) / total,
  };
}

function isFair({ chi2, firstTwoDays }: ReturnType<typeof assess>) {
  return chi2 < CHI2_CRITICAL_P001[26] && Math.abs(firstTwoDays - 2 / BUCKETS) <= TOLERANCE;
}

describe("the draw's fairness over 2,000 seeds", () => {
  it("gives the share to exactly the longest-waiting, and the rest uniformly over waiting days", () => {
    const counts = new Array(BUCKETS).fill(0);
    const longestWaiting = entries.slice(0, PHASE1_DAYS * PER_DAY).map((e) => e.entryId);
    for (let d = 0; d < DRAWS; d++) {
      const result = allocate(input(entries, slots(30, 30), { seed: testSeed(`fairness-${d}`) }));
      const phase1 = result.allocations.filter((a) => a.phase === "longest-waiting").map((a) => a.entryId);
      const phase2 = result.allocations.filter((a) => a.phase === "random").map((a) => a.entryId);
      expect(phase1).toEqual(longestWaiting);
      expect(phase2).toHaveLength(WINNERS);
      for (const id of phase2) counts[dayOf(id) - PHASE1_DAYS]++;
    }
    const result = assess(counts);
    expect(result.chi2).toBeLessThan(CHI2_CRITICAL_P001[26]);
    expect(Math.abs(result.firstTwoDays - 2 / BUCKETS)).toBeLessThanOrEqual(TOLERANCE);
    expect(isFair(result)).toBe(true);
  });

  it("negative control: the same checks reject a sampler tilted 20% toward the first two days, and DV-2012", () => {
    const rng = createRandom(testSeed("tilted"));
    const counts = new Array(BUCKETS).fill(0);
    for (let d = 0; d < DRAWS; d++) {
      const chosen = new Set<number>();
      while (chosen.size < WINNERS) {
        const k = rng.int(POOL);
        // Entries of the first two days are always accepted, others 5 times in 6: weight 1.2 to 1.
        if (!chosen.has(k) && (k < 2 * PER_DAY || rng.int(6) < 5)) chosen.add(k);
      }
      for (const k of chosen) counts[Math.floor(k / PER_DAY)]++;
    }
    expect(isFair(assess(counts))).toBe(false);
    expect(assess(counts).chi2).toBeGreaterThan(CHI2_CRITICAL_P001[26]);

    const dv2012 = new Array(BUCKETS).fill((0.1 * DRAWS * WINNERS) / (BUCKETS - 2));
    dv2012[0] = dv2012[1] = (0.9 * DRAWS * WINNERS) / 2;
    expect(isFair(assess(dv2012))).toBe(false);
  });
});
