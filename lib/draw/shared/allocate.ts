/**
 * The daily draw for one port and one day: `allocate(input)` is pure and deterministic, the same
 * seed and entries give the same result in any engine, and the input order never matters.
 *
 * 1. Canonical order. Entries are sorted by entryId (code-unit order). "Waiting order" is earliest
 *    `waitingSince` first (compared as instants, not strings), ties by entryId.
 * 2. One entry per person. In waiting order, an entry that shares any person key with an entry
 *    already kept is excluded and reported as a duplicate of the longest-waiting such entry;
 *    otherwise it is kept and claims its keys. Only kept entries claim keys, so with A{p}, B{p,q},
 *    C{q} (in that waiting order) A and C are kept and B is excluded.
 * 3. Preferred dates "where possible". A slot's day is its `date`, or the draw's date when it has
 *    none (seats of earlier days are offered again when they were freed after their own draw). An
 *    entry wants a day if its preferredDates is empty or contains it. Only entries that want one
 *    of the offered days take part in phase 1, and they go first in phase 2.
 * 4. Placement. An entry sits in one slot, all its seats together: the first slot in time order
 *    with enough free seats on a day it wants (or, in phase 2's last pass, on any day). If none
 *    has room, it is skipped (groups are never split).
 * 5. Phase 1, longest-waiting. budget = floor(share × seats offered) (plus 1e-9 so that 0.29 × 100
 *    is 29 despite binary rounding). In waiting order, each kept entry that wants an offered day
 *    gets placed if its seats fit in the remaining budget and in a slot; otherwise it is skipped
 *    and the next one is tried, until the budget is spent.
 * 6. Phase 2, random. The kept entries not yet placed, in entryId order, are shuffled once
 *    (Fisher–Yates with random.ts). First pass: in that order, each entry that wants an offered
 *    day is placed on a day it wants if a slot has room. Last pass: in the same order, every entry
 *    still not placed is placed on any day with room, so seats nobody could use on a day they
 *    asked for still go to someone. Both stop once no slot has a free seat. Seats that phase 1
 *    could not use (budget too small for the next groups) go to phase 2.
 * 7. Everything kept but not placed is `notSelected`. No slot ever exceeds its capacity.
 */
import { compareStrings } from "./canonical";
import { createRandom } from "./random";
import type { DrawAllocation, DrawEntry, DrawInput, DrawResult } from "./types";
import { assertValidInput, instantMillis } from "./validate";

// Guards the floor against binary rounding only; shares are short decimals and days have few seats.
const SHARE_EPSILON = 1e-9;

export function allocate(input: DrawInput): DrawResult {
  assertValidInput(input);
  const entries = input.entries.slice().sort((a, b) => compareStrings(a.entryId, b.entryId));
  const byWaiting = entries
    .map((entry) => ({ entry, since: instantMillis(entry.waitingSince) }))
    .sort((a, b) => a.since - b.since || compareStrings(a.entry.entryId, b.entry.entryId))
    .map(({ entry }) => entry);

  const excluded = findDuplicates(byWaiting);
  const kept = byWaiting.filter((e) => !excluded.has(e.entryId));
  const slotDates = input.slots.map((s) => s.date ?? input.date);
  const offered = [...new Set(slotDates)];
  const wants = (e: DrawEntry, date: string) => e.preferredDates.length === 0 || e.preferredDates.includes(date);
  const wantsOffered = (e: DrawEntry) => offered.some((date) => wants(e, date));

  const free = input.slots.map((s) => s.capacity);
  const seatsOffered = free.reduce((sum, c) => sum + c, 0);
  const allocations: DrawAllocation[] = [];
  const placed = new Set<string>();
  const place = (entry: DrawEntry, phase: DrawAllocation["phase"], anyDay: boolean): boolean => {
    const i = free.findIndex((f, slot) => f >= entry.seats && (anyDay || wants(entry, slotDates[slot])));
    if (i < 0) return false;
    free[i] -= entry.seats;
    allocations.push({ entryId: entry.entryId, slotId: input.slots[i].slotId, phase });
    placed.add(entry.entryId);
    return true;
  };

  let budget = Math.floor(input.longestWaitingShare * seatsOffered + SHARE_EPSILON);
  for (const entry of kept) {
    if (budget === 0) break;
    if (!wantsOffered(entry) || entry.seats > budget) continue;
    if (place(entry, "longest-waiting", false)) budget -= entry.seats;
  }

  // The shuffle's input must not depend on waiting order or input order: entryId order it is.
  const rest = entries.filter((e) => !excluded.has(e.entryId) && !placed.has(e.entryId));
  const shuffled = createRandom(input.seed).shuffle(rest);
  const full = () => free.every((f) => f === 0);
  for (const entry of shuffled) {
    if (full()) break;
    if (wantsOffered(entry)) place(entry, "random", false);
  }
  for (const entry of shuffled) {
    if (full()) break;
    if (!placed.has(entry.entryId)) place(entry, "random", true);
  }

  return {
    allocations,
    excludedDuplicates: [...excluded]
      .map(([entryId, duplicateOf]) => ({ entryId, duplicateOf }))
      .sort((a, b) => compareStrings(a.entryId, b.entryId)),
    notSelected: kept
      .map((e) => e.entryId)
      .filter((id) => !placed.has(id))
      .sort(compareStrings),
    seatsOffered,
    seatsAllocated: seatsOffered - free.reduce((sum, f) => sum + f, 0),
  };
}

/** entryId → the kept entry it duplicates; `byWaiting` must be in waiting order. */
function findDuplicates(byWaiting: DrawEntry[]): Map<string, string> {
  const rank = new Map(byWaiting.map((e, i) => [e.entryId, i]));
  const holder = new Map<string, string>(); // person key → kept entry
  const excluded = new Map<string, string>();
  for (const entry of byWaiting) {
    let keeper: string | undefined; // the longest-waiting kept entry sharing a person with this one
    for (const k of entry.personKeys) {
      const h = holder.get(k);
      if (h !== undefined && (keeper === undefined || rank.get(h)! < rank.get(keeper)!)) keeper = h;
    }
    if (keeper !== undefined) {
      excluded.set(entry.entryId, keeper);
    } else {
      for (const k of entry.personKeys) holder.set(k, entry.entryId);
    }
  }
  return excluded;
}
