import "server-only";
// Turns a port's weekly opening template into concrete, bookable slot rows for one date.
import { formatInstant, isClockTime, weekdayOf, zonedTimeToInstant } from "@/lib/shared/time/dates";

/** Weekly opening pattern; `capacity` is seats per slot and a seat is one traveler. */
export type SlotTemplate = { weekdays: number[]; opens: string; closes: string; slotMinutes: number; capacity: number };

export type SlotRow = { id: string; portId: string; date: string; startsAt: Date; endsAt: Date; capacity: number };

/**
 * Derived from port, date and local start only, so materializing a day twice yields the same ids
 * (idempotent upserts) and an id is readable in logs: san-ysidro-20261201-0800.
 */
export function slotId(portId: string, date: string, time: string): string {
  return `${portId}-${date.replaceAll("-", "")}-${time.replace(":", "")}`;
}

/**
 * Slots for `date` from every template open on that weekday: starts run from `opens` in
 * `slotMinutes` steps, and a slot is kept only if it ends by `closes`. Times are local wall-clock
 * times, so each boundary goes through zonedTimeToInstant and DST days stay correct.
 */
export function slotsForDay(port: { id: string; timeZone: string }, templates: SlotTemplate[], date: string): SlotRow[] {
  const weekday = weekdayOf(date);
  const rows = new Map<string, SlotRow>();
  for (const template of templates) {
    if (!template.weekdays.includes(weekday)) continue;
    const { opens, closes, slotMinutes, capacity } = validate(template);
    for (let start = opens; start + slotMinutes <= closes; start += slotMinutes) {
      const time = clock(start);
      const startsAt = zonedTimeToInstant(date, time, port.timeZone);
      // A start inside a spring-forward gap never shows on the clock; zonedTimeToInstant would
      // shift it onto the next slot's instant, so skip it rather than double-book that instant.
      if (!formatInstant(startsAt, port.timeZone).startsWith(`${date}T${time}`)) continue;
      const id = slotId(port.id, date, time);
      // Overlapping templates would silently fight over the same row; make the mistake loud.
      if (rows.has(id)) throw new Error(`Templates overlap at ${id}`);
      const endsAt = zonedTimeToInstant(date, clock(start + slotMinutes), port.timeZone);
      rows.set(id, { id, portId: port.id, date, startsAt, endsAt, capacity });
    }
  }
  return [...rows.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

function validate(t: SlotTemplate) {
  if (!isClockTime(t.opens) || !isClockTime(t.closes)) throw new RangeError(`Invalid opening hours: ${t.opens}–${t.closes}`);
  if (!Number.isInteger(t.slotMinutes) || t.slotMinutes <= 0) throw new RangeError(`Invalid slotMinutes: ${t.slotMinutes}`);
  if (!Number.isInteger(t.capacity) || t.capacity < 0) throw new RangeError(`Invalid capacity: ${t.capacity}`);
  return { opens: minutes(t.opens), closes: minutes(t.closes), slotMinutes: t.slotMinutes, capacity: t.capacity };
}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}
