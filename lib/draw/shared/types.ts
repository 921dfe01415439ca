/**
 * The daily draw's data, as the pure core sees it: no database rows, nothing personal. Everything
 * here is what a publication reveals, so anyone can re-run the draw from it.
 */

export type DrawEntry = {
  /** Pseudonymous id of the request in this draw (e.g. hex); never the appointment code. */
  entryId: string;
  /** Travelers in the request, 1..10; a group gets all its seats in one slot or none. */
  seats: number;
  /** When the request started waiting: an ISO 8601 instant with `Z` or an offset. */
  waitingSince: string;
  /** YYYY-MM-DD dates the request asked for; empty means any date. */
  preferredDates: string[];
  /**
   * One key per traveler, equal for the same person across requests. They are published, so the
   * caller should scope them to the draw (see `scopePersonKey` in publication.ts): a key that is
   * stable across days would let anyone follow one person from draw to draw.
   */
  personKeys: string[];
};

export type DrawSlot = {
  slotId: string;
  /** Seats free for the draw in this slot. */
  capacity: number;
  /**
   * YYYY-MM-DD when the slot is on another day than the draw's: seats of an earlier day freed
   * after its own draw (an allocation left unconfirmed, a cancellation) that this draw offers
   * again. Absent means the draw's own day.
   */
  date?: string;
};

export type DrawInput = {
  portId: string;
  /** The day being drawn, YYYY-MM-DD. */
  date: string;
  /** 64 lowercase hex characters (32 bytes), committed to before the entry window closes. */
  seed: string;
  /** Share of the day's seats for the longest-waiting requests, 0..1 (default 0.5 upstream). */
  longestWaitingShare: number;
  /** In time order (earlier days first): a group goes to the first slot with room on a day it wants. */
  slots: DrawSlot[];
  entries: DrawEntry[];
};

/** Which rule gave an entry its seats. */
type DrawPhase = "longest-waiting" | "random";

export type DrawAllocation = { entryId: string; slotId: string; phase: DrawPhase };

export type DrawResult = {
  /** In the order the seats were given: longest-waiting first, then the random order. */
  allocations: DrawAllocation[];
  /** Requests sharing a traveler with a request that waited longer; sorted by entryId. */
  excludedDuplicates: { entryId: string; duplicateOf: string }[];
  /** Every other request that got no seats; sorted. */
  notSelected: string[];
  seatsOffered: number;
  seatsAllocated: number;
};
