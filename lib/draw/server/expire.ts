import "server-only";
import { getConfig } from "@/lib/server/config/env";
import type { Db, Tx } from "@/lib/server/db/connection";
import { expireLapsed, expireOldRequests, giveBackSeats, recordEnded } from "./data/expiry";
import { inTransaction } from "./data/transaction";

const DAY_MS = 86_400_000;

/**
 * Ends what waited too long: allocations not confirmed by their deadline (the seats go back to the
 * next draw) and requests older than REQUEST_EXPIRY_DAYS. Each change is one conditional UPDATE,
 * so a confirmation racing the deadline and several instances expiring at once stay consistent.
 */
export async function expireStale(db: Db, now: Date): Promise<number> {
  const oldest = new Date(now.getTime() - getConfig().REQUEST_EXPIRY_DAYS * DAY_MS);
  return inTransaction(db, async (tx) => {
    const lapsed = await expireLapsedAllocations(tx, now);
    const old = await expireOldRequests(tx, oldest, now);
    await recordEnded(tx, old, now);
    return lapsed + old.length;
  });
}

/**
 * Allocations past their confirmation deadline become `expired` and give their seats back, at one
 * port or everywhere. The UPDATE decides (`status = 'allocated' AND confirm_by <= now`), exactly
 * as the confirmation decides the other way, so each allocation ends one way only.
 */
export async function expireLapsedAllocations(tx: Tx, now: Date, portId?: string): Promise<number> {
  const lapsed = await expireLapsed(tx, now, portId);
  // Slots in id order, as cancel and reschedule take them: no deadlock between two writers.
  const freed = new Map<string, number>();
  for (const { slot_id, seats } of lapsed) if (slot_id) freed.set(slot_id, (freed.get(slot_id) ?? 0) + Number(seats));
  for (const slotId of [...freed.keys()].sort()) {
    await giveBackSeats(tx, slotId, freed.get(slotId)!);
  }
  await recordEnded(tx, lapsed, now);
  return lapsed.length;
}
