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
import { sha256Hex, sha256Stream } from "./hash";
import type { DrawEntry, DrawInput, DrawResult } from "./types";

/**
 * Names the rules in allocate.ts; a change to them that changes any result needs a new name.
 * puerta-draw/2 added slots of earlier days (`DrawSlot.date`); on inputs without them it gives the
 * results of puerta-draw/1, so publications of either name are re-checked by the same code.
 */
export const DRAW_ALGORITHM = "puerta-draw/2";
export const DRAW_ALGORITHMS = ["puerta-draw/1", DRAW_ALGORITHM] as const;
export type DrawAlgorithm = (typeof DRAW_ALGORITHMS)[number];

export type DrawPublication = {
  algorithm: DrawAlgorithm;
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
 *
 * Defined as SHA-256 of `puerta-draw-entries:` + `canonicalJson(frozenDocument(input))`. A busy
 * port's document is megabytes, so it is written straight into the hash, entry by entry, in exactly
 * those bytes (`entriesHashReference` in the tests builds the string the slow way to prove it).
 */
export function entriesHash(input: Omit<DrawInput, "seed">, algorithm: DrawAlgorithm = DRAW_ALGORITHM): string {
  const hash = sha256Stream();
  // canonicalJson sorts keys: algorithm, date, entries, longestWaitingShare, portId, slots.
  hash.update(`puerta-draw-entries:{"algorithm":${JSON.stringify(algorithm)},"date":${canonicalJson(input.date)},"entries":[`);
  const entries = input.entries.slice().sort((a, b) => compareStrings(a.entryId, b.entryId));
  let chunk = "";
  for (let i = 0; i < entries.length; i++) {
    chunk += (i === 0 ? "" : ",") + entryJson(entries[i]);
    if (chunk.length > 65_536) {
      hash.update(chunk);
      chunk = "";
    }
  }
  hash.update(
    `${chunk}],"longestWaitingShare":${canonicalJson(input.longestWaitingShare)},"portId":${canonicalJson(input.portId)},"slots":${canonicalJson(frozenSlots(input))}}`,
  );
  return hash.hex();
}

/** The document `entriesHash` hashes, built whole (for the reference test and for readers). */
export function frozenDocument(input: Omit<DrawInput, "seed">, algorithm: DrawAlgorithm = DRAW_ALGORITHM) {
  return {
    algorithm,
    portId: input.portId,
    date: input.date,
    longestWaitingShare: input.longestWaitingShare,
    slots: frozenSlots(input),
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
}

/** A slot's known fields; `date` only when the slot is on another day (canonicalJson drops undefined). */
function frozenSlots(input: Omit<DrawInput, "seed">) {
  return input.slots.map(({ slotId, capacity, date }) => ({ slotId, capacity, date }));
}

/**
 * One entry as canonicalJson writes it (keys sorted: entryId, personKeys, preferredDates, seats,
 * waitingSince). Its fields are strings and lists of strings (validated before any draw or check),
 * for which JSON.stringify and canonicalJson write the same bytes.
 */
function entryJson(e: DrawEntry): string {
  return `{"entryId":${JSON.stringify(e.entryId)},"personKeys":${JSON.stringify(sorted(e.personKeys))},"preferredDates":${JSON.stringify(sorted(e.preferredDates))},"seats":${canonicalJson(e.seats)},"waitingSince":${JSON.stringify(e.waitingSince)}}`;
}

/** The list in code-unit order; a sorted list (as the runner freezes them) is not copied. */
function sorted(list: string[]): string[] {
  for (let i = 1; i < list.length; i++) if (compareStrings(list[i - 1], list[i]) > 0) return list.slice().sort(compareStrings);
  return list;
}

/** A short fingerprint of a result, e.g. to announce alongside the full publication. */
export function resultHash(result: DrawResult): string {
  return sha256Hex(`puerta-draw-result:${canonicalJson(result)}`);
}

/** `frozenHash` is the entries hash computed when the entries were frozen, to spare hashing twice. */
export function publish(input: DrawInput, result: DrawResult, frozenHash: string = entriesHash(input)): DrawPublication {
  return {
    algorithm: DRAW_ALGORITHM,
    portId: input.portId,
    date: input.date,
    commitment: commitment(input.seed),
    entriesHash: frozenHash,
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
  // 128 bits: a chance collision among a day's few hundred thousand travelers is out of reach
  // (~10^-28), and the published lists, their hash and their storage are a quarter smaller.
  return sha256Hex(`puerta-draw-person:${JSON.stringify([portId, date, personKey])}`).slice(0, 32);
}
