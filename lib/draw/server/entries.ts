import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { getServerKeys } from "@/lib/server/crypto/keys";
import type { Executor } from "@/lib/server/db/connection";
import { compareStrings } from "@/lib/draw/shared/canonical";
import { scopePersonKey } from "@/lib/draw/shared/publication";
import type { DrawEntry, DrawInput, DrawSlot } from "@/lib/draw/shared/types";
import { drawTimes } from "@/lib/draw/shared/schedule";
import { addDays } from "@/lib/shared/time/dates";
import { enteringRequestIds, enteringRequests, freeSlots, type EnteringWindow } from "./data/entries";
import type { Port } from "./data/ports";
import { entryIds } from "./entry-ids";

export type { Port } from "./data/ports";
/** What is frozen when the window closes: the draw's whole input but the (still secret) seed. */
export type FrozenInput = Omit<DrawInput, "seed">;

const DAY_MS = 86_400_000;

/**
 * Which requests enter a draw: those made before the window closed and not waiting longer than
 * REQUEST_EXPIRY_DAYS by then (the expiry may not have run).
 */
function entering(port: Port, date: string): EnteringWindow {
  const config = getConfig();
  const { closesAt } = drawTimes(port, date, config.DRAW_LEAD_DAYS);
  const oldest = new Date(closesAt.getTime() - config.REQUEST_EXPIRY_DAYS * DAY_MS);
  return { closesAt, oldest };
}

/**
 * The draw's entries and the day's free seats. The entries come from one query returning a
 * compact row per request (see enteringRequests): no ORM row mapping, no object per traveler.
 */
export async function frozenInput(tx: Executor, port: Port, date: string, now: Date): Promise<FrozenInput> {
  const pepper = (await getServerKeys()).pepper;
  const found = await enteringRequests(tx, port.id, entering(port, date));
  const entryId = entryIds(pepper, date);
  const scope = (key: string) => scopePersonKey(key, port.id, date);
  const entries: DrawEntry[] = found.map((r) => ({
    entryId: entryId(r.id),
    seats: r.seats,
    waitingSince: new Date(Number(r.since_ms)).toISOString(),
    preferredDates: r.preferred ?? [],
    // Person keys are base64url keyed hashes: a comma never occurs in one.
    // Sorted as the entries hash reads them, which spares it a copy and a sort per entry.
    personKeys: r.keys ? r.keys.split(",").map(scope).sort(compareStrings) : [],
  }));
  // In entryId order, so the published list reads the same whatever order the database returned.
  entries.sort((a, b) => compareStrings(a.entryId, b.entryId));
  return { portId: port.id, date, longestWaitingShare: getConfig().DRAW_LONGEST_WAITING_SHARE, slots: await freeSeats(tx, port, date, now), entries };
}

/**
 * The seats the draw offers: the free seats of its own day, and those of the days between the day
 * it is held and its own that are free again after their own draw ran (allocations left
 * unconfirmed, cancellations): the next draw that can still give them does. Days whose draw has
 * not run are left to it. Earlier days' slots carry their date; all are in time order.
 */
async function freeSeats(tx: Executor, port: Port, date: string, now: Date): Promise<DrawSlot[]> {
  const held = addDays(date, -getConfig().DRAW_LEAD_DAYS);
  const free = await freeSlots(tx, port.id, date, held, now);
  return free.map((s) => (s.day === date ? { slotId: s.id, capacity: Number(s.free) } : { slotId: s.id, capacity: Number(s.free), date: s.day }));
}

/** Entry id → appointment id of every request that may hold one of the draw's entries. */
export async function entryOwners(tx: Executor, port: Port, date: string): Promise<Map<string, string>> {
  const pepper = (await getServerKeys()).pepper;
  const found = await enteringRequestIds(tx, port.id, entering(port, date));
  const entryId = entryIds(pepper, date);
  return new Map(found.map((r) => [entryId(r.id), r.id]));
}
