import "server-only";
import type { Executor } from "@/lib/server/db/connection";
import { addDays, localDate } from "@/lib/shared/time/dates";
import { hasPorts, insertNewSlots, insertPorts, readPortsAndTemplates } from "./data/seed";
import { demoPorts } from "./demo-ports";
import { slotsForDay, type SlotTemplate } from "./slot-template";

/** The reference deployment's 8 ports, on first start of an empty database only. */
export async function seedDemoPorts(db: Executor): Promise<boolean> {
  if (await hasPorts(db)) return false;
  await insertPorts(
    db,
    demoPorts.map(({ templates: _t, ...port }) => port),
    demoPorts.flatMap((port) => port.templates.map((template) => ({ portId: port.id, ...template }))),
  );
  return true;
}

/**
 * Makes each port's slots from its templates for today through `days` ahead. Safe to run from
 * several instances at once and as often as wanted: slot ids are deterministic and existing rows
 * (with their bookings) are left alone.
 */
export async function materializeSlots(db: Executor, now: Date, days: number): Promise<number> {
  const { ports, templates: templateRows } = await readPortsAndTemplates(db);
  let created = 0;
  for (const port of ports) {
    const templates: SlotTemplate[] = templateRows.filter((t) => t.portId === port.id);
    if (templates.length === 0) continue;
    const today = localDate(now, port.timeZone);
    const rows = Array.from({ length: days + 1 }, (_, i) => slotsForDay(port, templates, addDays(today, i))).flat();
    if (rows.length === 0) continue;
    created += await insertNewSlots(db, rows);
  }
  return created;
}
