import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { addDays, localDate } from "@/lib/shared/time/dates";
import type { Port } from "./data/ports";

/**
 * The days a port's slots can be booked: from BOOKING_FIRST_DAY days after the port's own today
 * to BOOKING_HORIZON_DAYS after it, in the port's time zone (a Nogales evening is already the next
 * day in Brownsville).
 */
function bookingWindow(timeZone: string, now: Date, firstDay: number, horizonDays: number) {
  const today = localDate(now, timeZone);
  return { first: addDays(today, firstDay), last: addDays(today, horizonDays) };
}

/** The booking window of a port under the deployment's configuration. */
export function portWindow(port: Port, now: Date) {
  const config = getConfig();
  return bookingWindow(port.timeZone, now, config.BOOKING_FIRST_DAY, config.BOOKING_HORIZON_DAYS);
}

export function isBookable(
  slot: { date: string; startsAt: Date },
  window: { first: string; last: string },
  now: Date,
): boolean {
  return slot.date >= window.first && slot.date <= window.last && slot.startsAt.getTime() > now.getTime();
}
