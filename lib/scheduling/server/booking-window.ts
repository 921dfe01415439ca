import "server-only";
import { addDays, localDate } from "@/lib/shared/time/dates";

/**
 * The days a port's slots can be booked: from BOOKING_FIRST_DAY days after the port's own today
 * to BOOKING_HORIZON_DAYS after it, in the port's time zone (a Nogales evening is already the next
 * day in Brownsville).
 */
export function bookingWindow(timeZone: string, now: Date, firstDay: number, horizonDays: number) {
  const today = localDate(now, timeZone);
  return { first: addDays(today, firstDay), last: addDays(today, horizonDays) };
}

export function isBookable(
  slot: { date: string; startsAt: Date },
  window: { first: string; last: string },
  now: Date,
): boolean {
  return slot.date >= window.first && slot.date <= window.last && slot.startsAt.getTime() > now.getTime();
}
