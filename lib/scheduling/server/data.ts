import "server-only";
import { and, asc, eq, gte, is, lte, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { getConfig } from "@/lib/server/config/env";
import { getDb } from "@/lib/server/db/database";
import type { Db, Executor } from "@/lib/server/db/connection";
import { prepared } from "@/lib/server/db/prepared";
import { ports, slots } from "@/lib/server/db/schema";
import { AppError } from "@/lib/shared/errors/app-error";
import { bookingWindow, isBookable } from "./booking-window";
import { slotView, type SlotView } from "./slot-view";
import { addDays, daysBetween } from "@/lib/shared/time/dates";

export type Port = typeof ports.$inferSelect;
export type Slot = typeof slots.$inferSelect;

export const MAX_RANGE_DAYS = 31;

function alternativesQuery(db: Executor, name: string) {
  const placeholder = sql.placeholder;
  return db
    .select()
    .from(slots)
    .where(
      and(
        eq(slots.portId, placeholder("portId")),
        gte(slots.date, placeholder("first")),
        lte(slots.date, placeholder("last")),
        sql`${slots.startsAt} > ${placeholder("now")}::timestamptz`,
        sql`${slots.capacity} - ${slots.booked} >= ${placeholder("seats")}::integer`,
      ),
    )
    .orderBy(sql`abs(extract(epoch from (${slots.startsAt} - ${placeholder("near")}::timestamptz)))`, asc(slots.startsAt))
    .limit(placeholder("limit"))
    .prepare(name);
}

export async function listPorts(): Promise<Port[]> {
  const db = await getDb();
  return db.select().from(ports).orderBy(asc(ports.name));
}

/** The ports as the contract publishes them (`GET /api/v1/ports`, and the port step's HTML). */
export async function listPublicPorts() {
  return (await listPorts()).map(({ id, name, state, timeZone, mode, address }) => ({ id, name, state, timeZone, mode, address }));
}

export async function findPort(db: Executor, portId: string): Promise<Port> {
  const [port] = await db.select().from(ports).where(eq(ports.id, portId));
  if (!port) throw new AppError("port_not_found");
  return port;
}

export function portWindow(port: Port, now: Date) {
  const config = getConfig();
  return bookingWindow(port.timeZone, now, config.BOOKING_FIRST_DAY, config.BOOKING_HORIZON_DAYS);
}

/** Every day from `from` to `to` with the slots still bookable on it (an empty list otherwise). */
export async function getAvailability(portId: string, from: string, to: string, now: Date) {
  if (to < from || daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new AppError("invalid_range");
  const db = await getDb();
  const port = await findPort(db, portId);
  const window = portWindow(port, now);
  const found = await db
    .select()
    .from(slots)
    .where(and(eq(slots.portId, port.id), gte(slots.date, from), lte(slots.date, to)))
    .orderBy(asc(slots.startsAt));
  const days = Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => ({
    date: addDays(from, i),
    slots: [] as SlotView[],
  }));
  for (const slot of found) {
    if (!isBookable(slot, window, now)) continue;
    days[daysBetween(from, slot.date)].slots.push(slotView(slot, port.timeZone));
  }
  return { portId: port.id, mode: port.mode, days };
}

/**
 * Up to `limit` bookable slots of the port with room for `seats`, nearest in time to the one the
 * person wanted: what a "this time is full" answer offers instead.
 */
export async function findAlternatives(
  db: Executor,
  port: Port,
  near: Date,
  seats: number,
  now: Date,
  limit = 5,
): Promise<SlotView[]> {
  const window = portWindow(port, now);
  // Prepared once per database; inside a transaction (rescheduling) built for that transaction.
  const query = is(db, PgTransaction) ? alternativesQuery(db, "find_alternatives") : prepared(db as Db, "find_alternatives", alternativesQuery);
  const found = await query.execute({
    portId: port.id,
    first: window.first,
    last: window.last,
    now: now.toISOString(),
    seats,
    near: near.toISOString(),
    limit,
  });
  return found.map((slot) => slotView(slot, port.timeZone));
}
