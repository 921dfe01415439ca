/**
 * Property checks over many random small draws: the rules that must hold for every input, not
 * just the hand-made ones (groups whole, capacity, one entry per person, nothing left that fits).
 */
import { describe, expect, it } from "vitest";
import { allocate } from "./allocate";
import { createRandom } from "./random";
import { randomInput, scrambled, testSeed } from "./test-support";

const RUNS = 400;

describe("allocate: properties over random draws", () => {
  it(`holds every invariant over ${RUNS} random draws`, () => {
    const rng = createRandom(testSeed("property"));
    let allocatedSomewhere = 0;
    let duplicatesSeen = 0;
    let earlierDaysGiven = 0;
    for (let run = 0; run < RUNS; run++) {
      const draw = randomInput(rng, run);
      const result = allocate(draw);
      const byId = new Map(draw.entries.map((e) => [e.entryId, e]));
      const allocated = result.allocations.map((a) => a.entryId);
      const excluded = result.excludedDuplicates.map((d) => d.entryId);

      // Every entry lands in exactly one list, and is allocated at most once (one slot, whole).
      expect([...allocated, ...excluded, ...result.notSelected].sort()).toEqual([...byId.keys()].sort());

      // No slot over capacity; the totals add up.
      const used = new Map<string, number>();
      for (const a of result.allocations) used.set(a.slotId, (used.get(a.slotId) ?? 0) + byId.get(a.entryId)!.seats);
      const free = draw.slots.map((s) => s.capacity - (used.get(s.slotId) ?? 0));
      expect(Math.min(0, ...free)).toBe(0);
      expect(result.seatsOffered).toBe(draw.slots.reduce((n, s) => n + s.capacity, 0));
      expect(result.seatsAllocated).toBe([...used.values()].reduce((n, s) => n + s, 0));

      // One entry per person among those not excluded; each exclusion names a kept entry that shares a person.
      const keptKeys = [...allocated, ...result.notSelected].flatMap((id) => byId.get(id)!.personKeys);
      expect(new Set(keptKeys).size).toBe(keptKeys.length);
      for (const d of result.excludedDuplicates) {
        expect(excluded).not.toContain(d.duplicateOf);
        expect(byId.get(d.entryId)!.personKeys.some((k) => byId.get(d.duplicateOf)!.personKeys.includes(k))).toBe(true);
        expect(Date.parse(byId.get(d.duplicateOf)!.waitingSince)).toBeLessThanOrEqual(Date.parse(byId.get(d.entryId)!.waitingSince));
      }

      // Phase 1 stays within its budget, only for entries that want the day, and comes first.
      const phase1 = result.allocations.filter((a) => a.phase === "longest-waiting");
      expect(result.allocations.slice(0, phase1.length)).toEqual(phase1);
      const budget = Math.floor(draw.longestWaitingShare * result.seatsOffered + 1e-9);
      expect(phase1.reduce((n, a) => n + byId.get(a.entryId)!.seats, 0)).toBeLessThanOrEqual(budget);
      const dayOf = new Map(draw.slots.map((s) => [s.slotId, s.date ?? draw.date]));
      const wants = (id: string, day: string) => {
        const dates = byId.get(id)!.preferredDates;
        return dates.length === 0 || dates.includes(day);
      };
      for (const a of phase1) expect(wants(a.entryId, dayOf.get(a.slotId)!)).toBe(true);

      // A seat on a day the entry did not ask for only goes where nobody placed later wanted it:
      // every random allocation on an unwanted day comes after all those on wanted days.
      const random = result.allocations.filter((a) => a.phase === "random");
      const firstUnwanted = random.findIndex((a) => !wants(a.entryId, dayOf.get(a.slotId)!));
      if (firstUnwanted >= 0) expect(random.slice(firstUnwanted).every((a) => !wants(a.entryId, dayOf.get(a.slotId)!))).toBe(true);

      // Nothing left over that would still fit somewhere.
      const maxFree = Math.max(0, ...free);
      for (const id of result.notSelected) expect(byId.get(id)!.seats).toBeGreaterThan(maxFree);

      // Input order never matters.
      expect(allocate(scrambled(draw, `scramble-${run}`))).toEqual(result);

      allocatedSomewhere += result.allocations.length > 0 ? 1 : 0;
      duplicatesSeen += excluded.length > 0 ? 1 : 0;
      earlierDaysGiven += result.allocations.some((a) => a.slotId === "earlier") ? 1 : 0;
    }
    // The generator must actually exercise the rules, or the loop proves nothing.
    expect(allocatedSomewhere).toBeGreaterThan(RUNS / 2);
    expect(duplicatesSeen).toBeGreaterThan(RUNS / 4);
    expect(earlierDaysGiven).toBeGreaterThan(RUNS / 8);
  });
});
