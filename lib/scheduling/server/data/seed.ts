import "server-only";
import type { Executor } from "@/lib/server/db/connection";
import { ports, slots, slotTemplates } from "@/lib/server/db/schema";

type PortRow = typeof ports.$inferInsert;
type TemplateRow = typeof slotTemplates.$inferInsert;
type SlotRow = typeof slots.$inferInsert;

export async function hasPorts(db: Executor): Promise<boolean> {
  const existing = await db.select({ id: ports.id }).from(ports).limit(1);
  return existing.length > 0;
}

/** The ports and their weekly templates, together or not at all. */
export async function insertPorts(db: Executor, portRows: PortRow[], templateRows: TemplateRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(ports).values(portRows).onConflictDoNothing();
    await tx.insert(slotTemplates).values(templateRows);
  });
}

export async function readPortsAndTemplates(db: Executor) {
  const portRows = await db.select().from(ports);
  const templateRows = await db.select().from(slotTemplates);
  return { ports: portRows, templates: templateRows };
}

/** Inserts the slots not there yet (existing rows, with their bookings, are left alone); answers how many were new. */
export async function insertNewSlots(db: Executor, rows: SlotRow[]): Promise<number> {
  const inserted = await db.insert(slots).values(rows).onConflictDoNothing().returning({ id: slots.id });
  return inserted.length;
}
