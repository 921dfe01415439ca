import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Tx } from "@/lib/server/db/connection";

/**
 * A draw's outcome written set-based: a few statements whatever the number of requests, each fed
 * one JSON document of rows (`json_to_recordset`): one parameter, so no limit of 65,535 parameters
 * and no query text that grows with the list. Every update is conditional on the request still
 * waiting: one cancelled while the draw ran keeps its cancellation and takes no seats.
 */

const BATCH = 20_000;

export type Allocated = { id: string; entryId: string; slotId: string };

/**
 * The allocated requests take their seats with the bookings' conditional write (never over
 * capacity), their slot and deadline (never after the appointment itself), and a status event.
 */
export async function writeAllocations(tx: Tx, allocated: Allocated[], deadline: Date, now: Date): Promise<void> {
  if (allocated.length === 0) return;
  const data = JSON.stringify(allocated.map((a) => ({ id: a.id, entry_id: a.entryId, slot_id: a.slotId })));
  const [outcome] = await rows<{ needed: number; taken: number }>(
    tx,
    sql`WITH v AS (SELECT * FROM json_to_recordset(${data}::json) AS v(id uuid, entry_id text, slot_id text)),
        changed AS (
          UPDATE appointments AS a
          SET status = 'allocated', slot_id = v.slot_id, confirm_by = LEAST(s.starts_at, ${deadline}::timestamptz),
              draw_entry_id = v.entry_id, updated_at = ${now}
          FROM v JOIN slots s ON s.id = v.slot_id
          WHERE a.id = v.id AND a.status IN ('requested', 'not_selected')
          RETURNING a.id, a.slot_id, a.traveler_count),
        taken AS (
          UPDATE slots AS s SET booked = s.booked + c.seats
          FROM (SELECT slot_id, sum(traveler_count)::int AS seats FROM changed GROUP BY slot_id) c
          WHERE s.id = c.slot_id AND s.booked + c.seats <= s.capacity
          RETURNING s.id),
        events AS (
          INSERT INTO appointment_events (appointment_id, status, slot_id, at)
          SELECT id, 'allocated', slot_id, ${now} FROM changed)
        SELECT (SELECT count(DISTINCT slot_id) FROM changed)::int AS needed, (SELECT count(*) FROM taken)::int AS taken`,
  );
  // Only draws give a draw port's seats, and the draw gives no more than the seats it froze: a slot
  // without room means the data changed under the draw. Nothing is written (the transaction rolls
  // back) rather than a result the publication does not match.
  if (Number(outcome.taken) !== Number(outcome.needed)) {
    throw new Error(`draw: ${Number(outcome.needed) - Number(outcome.taken)} slot(s) no longer hold the seats the draw gave`);
  }
}

/**
 * Requests that got no seats (or were excluded as duplicates) stay waiting as not_selected. Only
 * those that were still `requested` change status, so only they get a status event; the ones that
 * already lost an earlier draw (most of a busy port's list) just record their entry in this one.
 */
export async function markNotSelected(tx: Tx, losers: { id: string; entryId: string }[], now: Date): Promise<void> {
  for (let i = 0; i < losers.length; i += BATCH) {
    const data = JSON.stringify(losers.slice(i, i + BATCH).map((l) => ({ id: l.id, entry_id: l.entryId })));
    await tx.execute(sql`WITH v AS (SELECT * FROM json_to_recordset(${data}::json) AS v(id uuid, entry_id text)),
      changed AS (UPDATE appointments AS a SET status = 'not_selected', draw_entry_id = v.entry_id, updated_at = ${now}
                  FROM v WHERE a.id = v.id AND a.status = 'requested' RETURNING a.id),
      again AS (UPDATE appointments AS a SET draw_entry_id = v.entry_id, updated_at = ${now}
                FROM v WHERE a.id = v.id AND a.status = 'not_selected')
      INSERT INTO appointment_events (appointment_id, status, slot_id, at) SELECT id, 'not_selected', NULL, ${now} FROM changed`);
  }
}
