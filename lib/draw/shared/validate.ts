/**
 * Rejects a draw input that the algorithm could read two ways. The draw must never guess: a
 * malformed input stops it with a message naming the field, rather than giving a result that an
 * auditor's re-implementation might compute differently.
 */
import { isSeed } from "./random";
import type { DrawInput } from "./types";

const MAX_SEATS_PER_ENTRY = 10;

// Strict forms only: for these, `Date.parse` is defined by the ECMAScript spec, so every engine
// reads the same instant (looser strings are implementation-defined).
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

class DrawInputError extends Error {
  override name = "DrawInputError";
}

function isDate(value: unknown): value is string {
  return typeof value === "string" && DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** Milliseconds since the epoch of a valid `waitingSince`. */
export function instantMillis(value: string): number {
  return Date.parse(value);
}

export function assertValidInput(input: DrawInput): void {
  const fail = (message: string): never => {
    throw new DrawInputError(message);
  };
  if (!input || typeof input !== "object") fail("input must be an object");
  if (typeof input.portId !== "string" || input.portId === "") fail("portId must be a non-empty string");
  if (!isDate(input.date)) fail("date must be YYYY-MM-DD");
  if (!isSeed(input.seed)) fail("seed must be 64 lowercase hex characters");
  const share = input.longestWaitingShare;
  if (typeof share !== "number" || !(share >= 0 && share <= 1)) fail("longestWaitingShare must be in [0, 1]");
  if (!Array.isArray(input.slots)) fail("slots must be an array");
  if (!Array.isArray(input.entries)) fail("entries must be an array");

  const slotIds = new Set<string>();
  input.slots.forEach((slot, i) => {
    if (typeof slot?.slotId !== "string" || slot.slotId === "") fail(`slots[${i}].slotId must be a non-empty string`);
    if (slotIds.has(slot.slotId)) fail(`slots[${i}].slotId ${slot.slotId} is repeated`);
    slotIds.add(slot.slotId);
    if (!Number.isSafeInteger(slot.capacity) || slot.capacity < 0) fail(`slots[${i}].capacity must be an integer >= 0`);
    if (slot.date !== undefined && !isDate(slot.date)) fail(`slots[${i}].date must be YYYY-MM-DD when given`);
  });

  // Tens of thousands of entries ask for the same few dates: each distinct string is checked once.
  const dates = new Map<unknown, boolean>();
  const knownDate = (value: unknown) => {
    let ok = dates.get(value);
    if (ok === undefined) dates.set(value, (ok = isDate(value)));
    return ok;
  };
  const entryIds = new Set<string>();
  input.entries.forEach((entry, i) => {
    const at = `entries[${i}]`;
    if (typeof entry?.entryId !== "string" || entry.entryId === "") fail(`${at}.entryId must be a non-empty string`);
    if (entryIds.has(entry.entryId)) fail(`${at}.entryId ${entry.entryId} is repeated`);
    entryIds.add(entry.entryId);
    const { seats, waitingSince, preferredDates, personKeys } = entry;
    if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS_PER_ENTRY) {
      fail(`${at}.seats must be an integer from 1 to ${MAX_SEATS_PER_ENTRY}`);
    }
    if (typeof waitingSince !== "string" || !INSTANT.test(waitingSince) || Number.isNaN(Date.parse(waitingSince))) {
      fail(`${at}.waitingSince must be an ISO 8601 instant with Z or an offset`);
    }
    if (!Array.isArray(preferredDates) || !preferredDates.every(knownDate)) fail(`${at}.preferredDates must be YYYY-MM-DD dates`);
    if (!Array.isArray(personKeys) || !personKeys.every((k) => typeof k === "string" && k !== "")) {
      fail(`${at}.personKeys must be non-empty strings`);
    }
    // One key per traveler: a mismatch means the caller lost or invented a traveler.
    if (personKeys.length !== seats) fail(`${at} has ${seats} seats but ${personKeys.length} personKeys`);
    if (new Set(personKeys).size !== personKeys.length) fail(`${at} lists the same person twice`);
  });
}
