import "server-only";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Executor, Tx } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";
import { prepared } from "@/lib/server/db/prepared";
import { slots } from "@/lib/server/db/schema";

export type Slot = typeof slots.$inferSelect;

/** A port's slots from `from` to `to` (port-local dates), in time order. */
export async function slotsBetween(portId: string, from: string, to: string): Promise<Slot[]> {
  const db = await getDb();
  return db
    .select()
    .from(slots)
    .where(and(eq(slots.portId, portId), gte(slots.date, from), lte(slots.date, to)))
    .orderBy(asc(slots.startsAt));
}

/** The slot with this id, in `tx`; of port `portId` only, when given. */
export async function readSlot(tx: Tx, slotId: string, portId?: string): Promise<Slot | undefined> {
  const [slot] = await tx
    .select()
    .from(slots)
    .where(portId === undefined ? eq(slots.id, slotId) : and(eq(slots.id, slotId), eq(slots.portId, portId)));
  return slot;
}

type NearbySlotsQuery = {
  portId: string;
  /** The booking window's first and last day. */
  first: string;
  last: string;
  now: Date;
  seats: number;
  near: Date;
  limit: number;
};

/** Up to `limit` slots of the port in the window, not yet started, with room for `seats`, nearest to `near` first. */
export async function slotsWithRoomNear(query: NearbySlotsQuery, tx?: Tx): Promise<Slot[]> {
  // Prepared once per database; inside a transaction (rescheduling) built for that transaction.
  const statement = tx ? nearbySlotsQuery(tx, "find_alternatives") : prepared(await getDb(), "find_alternatives", nearbySlotsQuery);
  return statement.execute({ ...query, now: query.now.toISOString(), near: query.near.toISOString() });
}

function nearbySlotsQuery(db: Executor, name: string) {
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

/**
 * Takes `seats` of the slot only if they are free: the condition is in the write itself, never
 * checked first. Answers whether it took them.
 */
export async function takeSeats(tx: Tx, slotId: string, seats: number): Promise<boolean> {
  const taken = await tx
    .update(slots)
    .set({ booked: sql`${slots.booked} + ${seats}` })
    .where(and(eq(slots.id, slotId), sql`${slots.booked} + ${seats} <= ${slots.capacity}`))
    .returning({ id: slots.id });
  return taken.length > 0;
}

export async function releaseSeats(tx: Tx, slotId: string, seats: number): Promise<void> {
  await tx.update(slots).set({ booked: sql`${slots.booked} - ${seats}` }).where(eq(slots.id, slotId));
}
