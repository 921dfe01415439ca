/**
 * What a draw publishes, and when:
 * - before the entry window closes: `commitment(seed)`, so the seed cannot be changed afterwards;
 * - when the window closes: `entriesHash(input)`, so the entry list cannot be changed afterwards;
 * - after the draw: `publish(input, result)`, the seed, entries and result in full, from which
 *   anyone re-runs the draw (verify.ts, `npm run draw:verify`).
 * Every hash input starts with its own "puerta-draw-…:" label so that no hash can stand for
 * another kind of hash.
 */
import { canonicalJson, compareStrings } from "./canonical";
import { sha256Hex } from "./hash";
import type { DrawInput, DrawResult } from "./types";

/** Names the rules in allocate.ts; a change to them that changes any result needs a new name. */
export const DRAW_ALGORITHM = "puerta-draw/1";

export type DrawPublication = {
  algorithm: typeof DRAW_ALGORITHM;
  portId: string;
  date: string;
  commitment: string;
  entriesHash: string;
  seed: string;
  longestWaitingShare: number;
  slots: DrawInput["slots"];
  entries: DrawInput["entries"];
  result: DrawResult;
};

export function commitment(seed: string): string {
  return sha256Hex(`puerta-draw-seed:${seed}`);
}

/**
 * Hash of the frozen entry list and the day's parameters (everything but the seed). Entries are
 * sorted by entryId and their set-like fields sorted, and only known fields are kept, so the hash
 * depends on what the draw reads and on nothing else.
 */
export function entriesHash(input: Omit<DrawInput, "seed">): string {
  const frozen = {
    algorithm: DRAW_ALGORITHM,
    portId: input.portId,
    date: input.date,
    longestWaitingShare: input.longestWaitingShare,
    slots: input.slots.map(({ slotId, capacity }) => ({ slotId, capacity })),
    entries: input.entries
      .map((e) => ({
        entryId: e.entryId,
        seats: e.seats,
        waitingSince: e.waitingSince,
        preferredDates: e.preferredDates.slice().sort(compareStrings),
        personKeys: e.personKeys.slice().sort(compareStrings),
      }))
      .sort((a, b) => compareStrings(a.entryId, b.entryId)),
  };
  return sha256Hex(`puerta-draw-entries:${canonicalJson(frozen)}`);
}

/** A short fingerprint of a result, e.g. to announce alongside the full publication. */
export function resultHash(result: DrawResult): string {
  return sha256Hex(`puerta-draw-result:${canonicalJson(result)}`);
}

export function publish(input: DrawInput, result: DrawResult): DrawPublication {
  return {
    algorithm: DRAW_ALGORITHM,
    portId: input.portId,
    date: input.date,
    commitment: commitment(input.seed),
    entriesHash: entriesHash(input),
    seed: input.seed,
    longestWaitingShare: input.longestWaitingShare,
    slots: input.slots,
    entries: input.entries,
    result,
  };
}

/**
 * A person key for one draw only. Stored person keys are stable (keyed hashes of a traveler's
 * identity); publishing them as they are would let anyone follow one person across every draw.
 * Hashed with the port and date they still match within the draw, which is all the draw needs.
 */
export function scopePersonKey(personKey: string, portId: string, date: string): string {
  return sha256Hex(`puerta-draw-person:${JSON.stringify([portId, date, personKey])}`);
}
