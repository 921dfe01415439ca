import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Tx } from "@/lib/server/db/connection";

/** A request that ended, and the slot it held if any. */
export type Ended = { id: string; slot_id: string | null };

/**
 * Allocations past their confirmation deadline become `expired`, at one port or everywhere; they
 * are returned with the seats they held. The UPDATE decides (`status = 'allocated' AND confirm_by
 * <= now`), exactly as the confirmation decides the other way, so each allocation ends one way only.
 */
export async function expireLapsed(tx: Tx, now: Date, portId?: string): Promise<(Ended & { seats: number })[]> {
  const atPort = portId === undefined ? sql`` : sql` AND port_id = ${portId}`;
  return rows<Ended & { seats: number }>(
    tx,
    sql`UPDATE appointments SET status = 'expired', updated_at = ${now}
        WHERE status = 'allocated' AND confirm_by <= ${now}${atPort}
        RETURNING id, slot_id, traveler_count AS seats`,
  );
}

/** Requests waiting since before `oldest` become `expired`: one conditional UPDATE. */
export async function expireOldRequests(tx: Tx, oldest: Date, now: Date): Promise<Ended[]> {
  return rows<Ended>(
    tx,
    sql`UPDATE appointments SET status = 'expired', updated_at = ${now}
        WHERE status IN ('requested', 'not_selected') AND waiting_since < ${oldest} RETURNING id, slot_id`,
  );
}

/** A slot gets back `seats` seats of allocations that ended. */
export async function giveBackSeats(tx: Tx, slotId: string, seats: number): Promise<void> {
  await tx.execute(sql`UPDATE slots SET booked = booked - ${seats} WHERE id = ${slotId}`);
}

/** Ended requests free their people (they may ask again) and record the change. */
export async function recordEnded(tx: Tx, list: Ended[], now: Date): Promise<void> {
  if (list.length === 0) return;
  const data = JSON.stringify(list.map((e) => ({ id: e.id, slot_id: e.slot_id })));
  await tx.execute(sql`WITH v AS (SELECT * FROM json_to_recordset(${data}::json) AS v(id uuid, slot_id text)),
    people AS (UPDATE travelers SET active = false FROM v WHERE travelers.appointment_id = v.id)
    INSERT INTO appointment_events (appointment_id, status, slot_id, at) SELECT id, 'expired', slot_id, ${now} FROM v`);
}
