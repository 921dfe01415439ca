import "client-only";
import { addDays, localDate } from "@/lib/shared/time/dates";

/**
 * Dates and times as people read them, always on the PORT's wall clock and with the zone named:
 * someone in Matamoros booking at Brownsville, or in Tijuana at San Ysidro, must not have to work
 * out an offset. All text comes from Intl in the page's language; nothing here is English.
 */

/** The days the picker asks for: tomorrow to 14 days ahead, counted in the port's own calendar. */
export function bookingRange(timeZone: string, now = new Date()): { from: string; to: string } {
  const today = localDate(now, timeZone);
  return { from: addDays(today, 1), to: addDays(today, 14) };
}

// Constructing a DateTimeFormat costs far more than using one, and the picker formats every slot.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // "shortGeneric" ("PT", "hora de Los Ángeles") is newer than some phones' browsers (Chrome < 95);
      // the abbreviation or offset ("PST", "GMT-8") still names the zone.
      f = new Intl.DateTimeFormat(locale, { ...options, timeZoneName: "short" });
    }
    cache.set(key, f);
  }
  return f;
}

// timeStyle cannot be combined with timeZoneName, so the short time is spelled out as its parts.
const clock = (timeZone: string): Intl.DateTimeFormatOptions => ({
  hour: "numeric",
  minute: "2-digit",
  timeZone,
  timeZoneName: "shortGeneric",
});

/** "Tuesday, December 1" for the day `instant` falls on at the port. */
export function formatDay(instant: string, locale: string, timeZone: string): string {
  return formatter(locale, { weekday: "long", day: "numeric", month: "long", timeZone }).format(new Date(instant));
}

/** "8:00 – 9:00 AM PT": one zone name for the pair, in the order the language writes ranges. */
export function formatTimeRange(start: string, end: string, locale: string, timeZone: string): string {
  const f = formatter(locale, clock(timeZone));
  const [from, to] = [new Date(start), new Date(end)];
  // formatRange arrived in Chrome 76; older browsers get both times in full.
  return typeof f.formatRange === "function" ? f.formatRange(from, to) : `${f.format(from)} – ${f.format(to)}`;
}

/** The wall-clock time at the port right now (or at `instant`), with the zone named. */
export function formatClock(locale: string, timeZone: string, instant: Date = new Date()): string {
  return formatter(locale, clock(timeZone)).format(instant);
}

/** A moment on the person's own phone clock ("Last updated …"), where no zone needs naming. */
export function formatLocalMoment(instant: string, locale: string): string {
  return formatter(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));
}

/** "Tuesday, December 1, 8:00 – 8:30 AM PT": a whole slot on one line. */
export function formatSlotRange(slot: { start: string; end: string }, timeZone: string, locale: string): string {
  return `${formatDay(slot.start, locale, timeZone)}, ${formatTimeRange(slot.start, slot.end, locale, timeZone)}`;
}
