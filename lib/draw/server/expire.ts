import "server-only";
import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/server/config/env";
import { rows, type Db, type Tx } from "@/lib/server/db/connection";

const DAY_MS = 86_400_000;

type Ended = { id: string; slot_id: string | null };

/**
 * Ends what waited too long: allocations not confirmed by their deadline (the seats go back to the
 * next draw) and requests older than REQUEST_EXPIRY_DAYS. Each change is one conditional UPDATE,
 * so a confirmation racing the deadline and several instances expiring at once stay consistent.
 */
export async function expireStale(db: Db, now: Date): Promise<number> {
  const oldest = new Date(now.getTime() - getConfig().REQUEST_EXPIRY_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    const lapsed = await expireLapsedAllocations(tx, now);
    const old = await rows<Ended>(
      tx,
      sql`UPDATE appointments SET status = 'expired', updated_at = ${now}
          WHERE status IN ('requested', 'not_selected') AND waiting_since < ${oldest} RETURNING id, slot_id`,
    );
    await ended(tx, old, now);
    return lapsed + old.length;
  });
}

/**
 * Allocations past their confirmation deadline become `expired` and give their seats back, at one
 * port or everywhere. The UPDATE decides (`status = 'allocated' AND confirm_by <= now`), exactly
 * as the confirmation decides the other way, so each allocation ends one way only.
 */
export async function expireLapsedAllocations(tx: Tx, now: Date, portId?: string): Promise<number> {
  const atPort = portId === undefined ? sql`` : sql` AND port_id = ${portId}`;
  const lapsed = await rows<Ended & { seats: number }>(
    tx,
    sql`UPDATE appointments SET status = 'expired', updated_at = ${now}
        WHERE status = 'allocated' AND confirm_by <= ${now}${atPort}
        RETURNING id, slot_id, traveler_count AS seats`,
  );
  // Slots in id order, as cancel and reschedule take them: no deadlock between two writers.
  const freed = new Map<string, number>();
  for (const { slot_id, seats } of lapsed) if (slot_id) freed.set(slot_id, (freed.get(slot_id) ?? 0) + Number(seats));
  for (const slotId of [...freed.keys()].sort()) {
    await tx.execute(sql`UPDATE slots SET booked = booked - ${freed.get(slotId)!} WHERE id = ${slotId}`);
  }
  await ended(tx, lapsed, now);
  return lapsed.length;
}

/** Ended requests free their people (they may ask again) and record the change. */
async function ended(tx: Tx, list: Ended[], now: Date): Promise<void> {
  if (list.length === 0) return;
  const data = JSON.stringify(list.map((e) => ({ id: e.id, slot_id: e.slot_id })));
  await tx.execute(sql`WITH v AS (SELECT * FROM json_to_recordset(${data}::json) AS v(id uuid, slot_id text)),
    people AS (UPDATE travelers SET active = false FROM v WHERE travelers.appointment_id = v.id)
    INSERT INTO appointment_events (appointment_id, status, slot_id, at) SELECT id, 'expired', slot_id, ${now} FROM v`);
}
