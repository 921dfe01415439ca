import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/connection";
import { ports, slots, slotTemplates } from "@/lib/server/db/schema";
import { demoPorts } from "./demo-ports";
import type { SlotTemplate } from "./slot-template";
import { slotsForDay } from "./slot-template";
import { addDays, localDate } from "@/lib/shared/time/dates";

/** The reference deployment's 8 ports, on first start of an empty database only. */
export async function seedDemoPorts(db: Executor): Promise<boolean> {
  const existing = await db.select({ id: ports.id }).from(ports).limit(1);
  if (existing.length > 0) return false;
  await db.transaction(async (tx) => {
    await tx.insert(ports).values(demoPorts.map(({ templates: _t, ...port }) => port)).onConflictDoNothing();
    await tx.insert(slotTemplates).values(
      demoPorts.flatMap((port) => port.templates.map((template) => ({ portId: port.id, ...template }))),
    );
  });
  return true;
}

/**
 * Makes each port's slots from its templates for today through `days` ahead. Safe to run from
 * several instances at once and as often as wanted: slot ids are deterministic and existing rows
 * (with their bookings) are left alone.
 */
export async function materializeSlots(db: Executor, now: Date, days: number): Promise<number> {
  const portRows = await db.select().from(ports);
  const templateRows = await db.select().from(slotTemplates);
  let created = 0;
  for (const port of portRows) {
    const templates: SlotTemplate[] = templateRows.filter((t) => t.portId === port.id);
    if (templates.length === 0) continue;
    const today = localDate(now, port.timeZone);
    const rows = Array.from({ length: days + 1 }, (_, i) => slotsForDay(port, templates, addDays(today, i))).flat();
    if (rows.length === 0) continue;
    const inserted = await db.insert(slots).values(rows).onConflictDoNothing().returning({ id: slots.id });
    created += inserted.length;
  }
  return created;
}

export async function databaseAnswers(db: Executor): Promise<boolean> {
  await db.execute(sql`SELECT 1`);
  return true;
}
