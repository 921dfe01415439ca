import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/lib/server/db/connection";

/** Which requests may enter a draw: those made before `closesAt` and waiting since `oldest` or later. */
export type EnteringWindow = { closesAt: Date; oldest: Date };

/** One request entering a draw: its travelers' person keys joined, comma-separated, in position order. */
export type EntryRow = { id: string; seats: number; since_ms: number; preferred: string[] | null; keys: string | null };

/**
 * The requests that enter a draw: waiting (requested or not selected before), made before the
 * window closed, and not waiting longer than REQUEST_EXPIRY_DAYS (the expiry may not have run).
 */
function entering(portId: string, { closesAt, oldest }: EnteringWindow) {
  return sql`a.port_id = ${portId} AND a.status IN ('requested', 'not_selected')
             AND a.created_at < ${closesAt} AND a.waiting_since >= ${oldest}`;
}

/**
 * The draw's requests. One query returns a compact row per request, its travelers' person keys
 * joined in the database: tens of thousands of requests a day make ORM row mapping and one object
 * per traveler the bulk of the cost (see docs/performance.md).
 */
export async function enteringRequests(tx: Executor, portId: string, window: EnteringWindow): Promise<EntryRow[]> {
  return rows<EntryRow>(
    tx,
    sql`SELECT a.id, a.traveler_count AS seats,
               floor(extract(epoch FROM coalesce(a.waiting_since, a.created_at)) * 1000)::float8 AS since_ms,
               a.preferred_dates AS preferred,
               string_agg(t.person_key, ',' ORDER BY t.position) AS keys
        FROM appointments a LEFT JOIN travelers t ON t.appointment_id = a.id
        WHERE ${entering(portId, window)}
        GROUP BY a.id`,
  );
}

/** The ids of the requests that may hold one of the draw's entries. */
export async function enteringRequestIds(tx: Executor, portId: string, window: EnteringWindow): Promise<{ id: string }[]> {
  return rows<{ id: string }>(tx, sql`SELECT a.id FROM appointments a WHERE ${entering(portId, window)}`);
}

/**
 * The slots with free seats a draw offers, in time order: those of its own `date`, and those of
 * the days after `held` (the day the draw is held) and before its own that are free again after
 * their own draw ran (allocations left unconfirmed, cancellations). Days whose draw has not run
 * are left to it. Slots already started are never offered.
 */
export async function freeSlots(
  tx: Executor,
  portId: string,
  date: string,
  held: string,
  now: Date,
): Promise<{ id: string; day: string; free: number }[]> {
  return rows<{ id: string; day: string; free: number }>(
    tx,
    sql`SELECT s.id, s.date::text AS day, s.capacity - s.booked AS free FROM slots s
        WHERE s.port_id = ${portId} AND s.booked < s.capacity AND s.starts_at > ${now}
          AND (s.date = ${date}
               OR (s.date > ${held} AND s.date < ${date}
                   AND EXISTS (SELECT 1 FROM draws d WHERE d.port_id = s.port_id AND d.date = s.date AND d.status = 'drawn')))
        ORDER BY s.starts_at, s.id`,
  );
}
