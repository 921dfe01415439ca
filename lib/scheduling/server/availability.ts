import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { addDays, daysBetween } from "@/lib/shared/time/dates";
import { isBookable, portWindow } from "./booking-window";
import { slotsBetween, type Slot } from "./data/slots";
import { findPort } from "./ports";
import { slotView, type SlotView } from "./slot-view";

const MAX_RANGE_DAYS = 31;

/** `invalid_range` unless `to` is `from` or later, at most 31 days in all. */
export function checkRange(from: string, to: string): void {
  if (to < from || daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new AppError("invalid_range");
}

/** Every day from `from` to `to` with the slots still bookable on it (an empty list otherwise). */
export async function getAvailability(portId: string, from: string, to: string, now: Date) {
  checkRange(from, to);
  const port = await findPort(portId);
  const window = portWindow(port, now);
  const found = await slotsBetween(port.id, from, to);
  const days = Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => ({
    date: addDays(from, i),
    slots: [] as SlotView[],
  }));
  // Slots starting at the same time come in no set order from the database: the id decides, so
  // the same seats give the same bytes (and ETag) on every instance.
  for (const slot of found.sort(byStartThenId)) {
    if (!isBookable(slot, window, now)) continue;
    days[daysBetween(from, slot.date)].slots.push(slotView(slot, port.timeZone));
  }
  return { portId: port.id, mode: port.mode, days };
}

const byStartThenId = (a: Slot, b: Slot) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
