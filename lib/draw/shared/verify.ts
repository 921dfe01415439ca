/**
 * Re-checks a published draw: the seed against its commitment, the entries against their hash,
 * and the result against a fresh run of `allocate`. Takes `unknown` because a publication is
 * untrusted JSON: a malformed one is reported as problems, never thrown.
 *
 * A publication is self-consistent by construction, so a forger could rewrite all of it (new seed,
 * new commitment, new hashes, recomputed result). Only the values published earlier catch that:
 * pass them as `expected` whenever you have them.
 */
import { allocate } from "./allocate";
import { canonicalJson } from "./canonical";
import { commitment, DRAW_ALGORITHM, DRAW_ALGORITHMS, entriesHash } from "./publication";
import { isSeed } from "./random";
import type { DrawAllocation, DrawInput, DrawResult } from "./types";

export type Verification = { ok: boolean; problems: string[] };
export type EarlierPublished = { commitment?: string; entriesHash?: string };

const MAX_LISTED = 20; // per kind of difference, so one tampered file does not print 10,000 lines

export function verifyPublication(pub: unknown, expected: EarlierPublished = {}): Verification {
  if (!pub || typeof pub !== "object") return { ok: false, problems: ["the publication is not a JSON object"] };
  const p = pub as Record<string, unknown>;
  const algorithm = DRAW_ALGORITHMS.find((a) => a === p.algorithm);
  if (!algorithm) {
    return { ok: false, problems: [`unknown algorithm ${JSON.stringify(p.algorithm)}; this verifier runs ${DRAW_ALGORITHMS.join(", ")}`] };
  }
  const problems: string[] = [];
  const input = {
    portId: p.portId, date: p.date, seed: p.seed, longestWaitingShare: p.longestWaitingShare, slots: p.slots, entries: p.entries,
  } as DrawInput;
  // puerta-draw/1 knew one day per draw: a slot of another day cannot be part of it.
  if (algorithm !== DRAW_ALGORITHM && Array.isArray(input.slots) && input.slots.some((s) => s?.date !== undefined)) {
    problems.push(`${algorithm} has no slots of other days`);
  }

  if (expected.commitment !== undefined && expected.commitment !== p.commitment) {
    problems.push("the commitment differs from the one published before the entry window closed");
  }
  if (!isSeed(p.seed)) problems.push("the seed is not 64 lowercase hex characters");
  else if (commitment(p.seed) !== p.commitment) problems.push("the seed does not match the commitment");

  if (expected.entriesHash !== undefined && expected.entriesHash !== p.entriesHash) {
    problems.push("the entries hash differs from the one published when the entry window closed");
  }
  let recomputed: DrawResult;
  try {
    recomputed = allocate(input); // first: it validates the input, naming any malformed field
  } catch (err) {
    problems.push(`the entries cannot be drawn: ${(err as Error).message}`);
    return { ok: false, problems };
  }
  if (entriesHash(input, algorithm) !== p.entriesHash) problems.push("the entries do not match the entries hash");
  problems.push(...diffResults(p.result, recomputed));
  return { ok: problems.length === 0, problems };
}

/** What differs between a published result and the recomputed one, in words. */
function diffResults(published: unknown, actual: DrawResult): string[] {
  if (sameJson(published, actual)) return [];
  const pub = (published && typeof published === "object" ? published : {}) as Partial<Record<keyof DrawResult, unknown>>;
  const problems: string[] = [];

  const pubAllocations = Array.isArray(pub.allocations) ? (pub.allocations as Partial<DrawAllocation>[]) : [];
  if (!Array.isArray(pub.allocations)) problems.push("the published result has no allocations list");
  const pubBy = new Map(pubAllocations.map((a) => [String(a?.entryId), a]));
  const actualBy = new Map(actual.allocations.map((a) => [a.entryId, a]));
  const show = (a: Partial<DrawAllocation>) => `slot ${a.slotId} (${a.phase})`;
  const allocationProblems: string[] = [];
  for (const [id, a] of pubBy) {
    const b = actualBy.get(id);
    if (!b) allocationProblems.push(`entry ${id}: published ${show(a)}, but the draw gives it no seats`);
    else if (a.slotId !== b.slotId || a.phase !== b.phase) {
      allocationProblems.push(`entry ${id}: published ${show(a)}, the draw gives ${show(b)}`);
    }
  }
  for (const [id, b] of actualBy) {
    if (!pubBy.has(id)) allocationProblems.push(`entry ${id}: the draw gives ${show(b)}, but the publication gives it no seats`);
  }
  if (pubAllocations.length !== pubBy.size) allocationProblems.push("an entry is allocated more than once in the publication");
  problems.push(...capped(allocationProblems, "allocation differences"));
  if (allocationProblems.length === 0 && !sameJson(pub.allocations, actual.allocations)) {
    problems.push("the allocations are not in the order the draw gave them");
  }

  if (!sameJson(pub.excludedDuplicates, actual.excludedDuplicates)) {
    const excluded = actual.excludedDuplicates.map((d) => `${d.entryId} (duplicate of ${d.duplicateOf})`);
    problems.push(`excludedDuplicates differ: the draw excludes ${listed(excluded)}`);
  }
  if (!sameJson(pub.notSelected, actual.notSelected)) problems.push("the notSelected list differs from the draw's");
  for (const key of ["seatsOffered", "seatsAllocated"] as const) {
    if (pub[key] !== actual[key]) problems.push(`${key}: published ${String(pub[key])}, the draw gives ${actual[key]}`);
  }
  if (problems.length === 0) problems.push("the published result differs from the draw's (extra or malformed fields)");
  return problems;
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

function capped(lines: string[], what: string): string[] {
  return lines.length <= MAX_LISTED ? lines : [...lines.slice(0, MAX_LISTED), `… and ${lines.length - MAX_LISTED} more ${what}`];
}

function listed(items: string[]): string {
  if (items.length === 0) return "none";
  const shown = items.slice(0, MAX_LISTED).join(", ");
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}
