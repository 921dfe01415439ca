import "server-only";
import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/server/config/env";
import { getServerKeys } from "@/lib/server/crypto/keys";
import { rows, type Executor } from "@/lib/server/db/connection";
import type { ports } from "@/lib/server/db/schema";
import { compareStrings } from "@/lib/draw/shared/canonical";
import { scopePersonKey } from "@/lib/draw/shared/publication";
import type { DrawEntry, DrawInput, DrawSlot } from "@/lib/draw/shared/types";
import { drawTimes } from "@/lib/draw/shared/schedule";
import { addDays } from "@/lib/shared/time/dates";
import { entryIds } from "./entry-ids";

export type Port = typeof ports.$inferSelect;
/** What is frozen when the window closes: the draw's whole input but the (still secret) seed. */
export type FrozenInput = Omit<DrawInput, "seed">;

const DAY_MS = 86_400_000;

/** The pseudonymous id of a request in one day's draw: unlinkable across days without the pepper. */
export function entryIdFor(pepper: Buffer, appointmentId: string, date: string): string {
  return entryIds(pepper, date)(appointmentId);
}

/**
 * The requests that enter a draw: waiting (requested or not selected before), made before the
 * window closed, and not waiting longer than REQUEST_EXPIRY_DAYS (the expiry may not have run).
 */
function entering(port: Port, date: string) {
  const config = getConfig();
  const { closesAt } = drawTimes(port, date, config.DRAW_LEAD_DAYS);
  const oldest = new Date(closesAt.getTime() - config.REQUEST_EXPIRY_DAYS * DAY_MS);
  return sql`a.port_id = ${port.id} AND a.status IN ('requested', 'not_selected')
             AND a.created_at < ${closesAt} AND a.waiting_since >= ${oldest}`;
}

type EntryRow = { id: string; seats: number; since_ms: number; preferred: string[] | null; keys: string | null };

/**
 * The draw's entries and the day's free seats. One query returns a compact row per request, its
 * travelers' person keys joined in the database: tens of thousands of requests a day make ORM row
 * mapping and one object per traveler the bulk of the cost (measured with bench:draw).
 */
export async function frozenInput(tx: Executor, port: Port, date: string, now: Date): Promise<FrozenInput> {
  const pepper = (await getServerKeys()).pepper;
  const found = await rows<EntryRow>(
    tx,
    sql`SELECT a.id, a.traveler_count AS seats,
               floor(extract(epoch FROM coalesce(a.waiting_since, a.created_at)) * 1000)::float8 AS since_ms,
               a.preferred_dates AS preferred,
               string_agg(t.person_key, ',' ORDER BY t.position) AS keys
        FROM appointments a LEFT JOIN travelers t ON t.appointment_id = a.id
        WHERE ${entering(port, date)}
        GROUP BY a.id`,
  );
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
  const free = await rows<{ id: string; day: string; free: number }>(
    tx,
    sql`SELECT s.id, s.date::text AS day, s.capacity - s.booked AS free FROM slots s
        WHERE s.port_id = ${port.id} AND s.booked < s.capacity AND s.starts_at > ${now}
          AND (s.date = ${date}
               OR (s.date > ${held} AND s.date < ${date}
                   AND EXISTS (SELECT 1 FROM draws d WHERE d.port_id = s.port_id AND d.date = s.date AND d.status = 'drawn')))
        ORDER BY s.starts_at, s.id`,
  );
  return free.map((s) => (s.day === date ? { slotId: s.id, capacity: Number(s.free) } : { slotId: s.id, capacity: Number(s.free), date: s.day }));
}

/** Entry id → appointment id of every request that may hold one of the draw's entries. */
export async function entryOwners(tx: Executor, port: Port, date: string): Promise<Map<string, string>> {
  const pepper = (await getServerKeys()).pepper;
  const found = await rows<{ id: string }>(tx, sql`SELECT a.id FROM appointments a WHERE ${entering(port, date)}`);
  const entryId = entryIds(pepper, date);
  return new Map(found.map((r) => [entryId(r.id), r.id]));
}
