import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/database";
import { prepared } from "@/lib/server/db/prepared";
import { idempotencyKeys, ports, slots } from "@/lib/server/db/schema";
import type { StoredFirst } from "./idempotency-keys";
import type { Port } from "./ports";
import type { Slot } from "./slots";

type BookingStateRow = { port: Port; slot: Slot | null; first: StoredFirst | null };

/**
 * What a submission reads before deciding, in one query and so in one snapshot: the port, the slot
 * it names (null when absent or not this port's), and the first request stored under its
 * Idempotency-Key (by its lookup hash). Undefined when there is no such port.
 */
export async function readBookingState(keyHash: string, portId: string, slotId: string | undefined): Promise<BookingStateRow | undefined> {
  const [row] = await prepared(await getDb(), "read_booking_state", (db, name) =>
    db
      .select({ port: ports, slot: slots, first: { requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response } })
      .from(ports)
      // A missing slot id is bound as NULL, which matches no slot.
      .leftJoin(slots, and(eq(slots.id, sql.placeholder("slotId")), eq(slots.portId, ports.id)))
      .leftJoin(idempotencyKeys, eq(idempotencyKeys.keyHash, sql.placeholder("keyHash")))
      .where(eq(ports.id, sql.placeholder("portId")))
      .prepare(name),
  ).execute({ portId, slotId: slotId ?? null, keyHash });
  return row;
}
