import "client-only";
import { intlSpeaks, primaryLanguage, shippedLocales } from "@/lib/shared/i18n/intl-support";
import { htCalendar } from "@/lib/shared/i18n/locale-data/ht-calendar";
import type { CalendarData } from "@/lib/shared/i18n/locale-data/types";
import { shippedZoneName } from "@/lib/shared/i18n/locale-data/zones";
import { addDays, localDate } from "@/lib/shared/time/dates";

/**
 * Dates and times as people read them, always on the PORT's wall clock and with the zone named as
 * people say it ("hora del Pacífico"): someone in Matamoros booking at Brownsville, or in Tijuana
 * at San Ysidro, must not have to work out an offset. Every word is in the page's language: Intl's
 * where the browser speaks it, Puerta's own calendar where it does not (Haitian Creole), digits
 * alone (2026-12-01, 14:30) where neither does — never another language's words.
 */

/** The days the picker asks for: tomorrow to 14 days ahead, counted in the port's own calendar. */
export function bookingRange(timeZone: string, now = new Date()): { from: string; to: string } {
  const today = localDate(now, timeZone);
  return { from: addDays(today, 1), to: addDays(today, 14) };
}

const shippedCalendars: Readonly<Record<string, CalendarData>> = { ht: htCalendar };

/** How `locale` is written: Puerta's calendar, the browser's Intl, or digits only. */
function writer(locale: string): CalendarData | "intl" | "digits" {
  const language = primaryLanguage(locale);
  if (shippedLocales.has(language)) return shippedCalendars[language] ?? "digits";
  return intlSpeaks(locale, "DateTimeFormat") ? "intl" : "digits";
}

// Constructing a DateTimeFormat costs far more than using one, and the picker formats every slot.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

type Wall = { year: number; month: number; day: number; weekday: number; hour: number; minute: number };

/** The wall clock at `timeZone` as numbers (the formatter's language only shapes digits, not words). */
function wall(instant: Date, timeZone: string | undefined): Wall {
  const parts = formatter("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day] = [part("year"), part("month"), part("day")];
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), hour: part("hour") % 24, minute: part("minute") };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoOf = (w: Pick<Wall, "year" | "month" | "day">) => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
// A time, a range of times and the zone after them are read as one thing: they never break
// across lines (a thin space becomes a narrow no-break one, keeping its width).
const unbroken = (text: string) => text.replace(/ /g, "\u00a0").replace(/\u2009/g, "\u202f");

/** The zone as people say it; else Intl's generic name; else the offset ("UTC−7"), which is no language's. */
function zoneName(locale: string, timeZone: string, instant: Date, how: ReturnType<typeof writer>): string {
  const own = shippedZoneName(locale, timeZone);
  if (own) return unbroken(own);
  if (how === "intl") {
    const name = zonePart(locale, timeZone, instant, "longGeneric") ?? zonePart(locale, timeZone, instant, "long");
    if (name) return unbroken(name);
  }
  const offset = zonePart("en-US", timeZone, instant, "shortOffset") ?? "GMT";
  return unbroken(offset.replace("GMT", "UTC").replace("-", "−"));
}

function zonePart(locale: string, timeZone: string, instant: Date, style: Intl.DateTimeFormatOptions["timeZoneName"]): string | undefined {
  try {
    return formatter(locale, { timeZone, timeZoneName: style }).formatToParts(instant).find((p) => p.type === "timeZoneName")?.value;
  } catch {
    // "longGeneric" and "shortOffset" are newer than some phones' browsers (Chrome < 95).
    return undefined;
  }
}

/** The time alone ("8:00 a. m.", "14:30"), in the language's own clock. */
function time(instant: Date, locale: string, timeZone: string | undefined, how: ReturnType<typeof writer>): string {
  if (how === "intl") return formatter(locale, { hour: "numeric", minute: "2-digit", timeZone }).format(instant);
  const w = wall(instant, timeZone);
  return how === "digits" ? `${pad(w.hour)}:${pad(w.minute)}` : `${w.hour}:${pad(w.minute)}`;
}

/** "Tuesday, December 1" for the day `instant` falls on at the port ("madi 1ye desanm"). */
export function formatDay(instant: string, locale: string, timeZone: string): string {
  const how = writer(locale);
  const at = new Date(instant);
  if (how === "intl") return formatter(locale, { weekday: "long", day: "numeric", month: "long", timeZone }).format(at);
  const w = wall(at, timeZone);
  if (how === "digits") return isoOf(w);
  return how.day({ weekday: how.weekdays[w.weekday], day: how.dayOfMonth(w.day), month: how.months[w.month - 1] });
}

/** "8:00 – 9:00 AM Pacific time": one zone name for the pair, in the order the language writes ranges. */
export function formatTimeRange(start: string, end: string, locale: string, timeZone: string): string {
  const how = writer(locale);
  const [from, to] = [new Date(start), new Date(end)];
  let range: string;
  if (how === "intl") {
    const f = formatter(locale, { hour: "numeric", minute: "2-digit", timeZone });
    // formatRange arrived in Chrome 76; older browsers get both times in full.
    range = typeof f.formatRange === "function" ? f.formatRange(from, to) : `${f.format(from)} – ${f.format(to)}`;
  } else {
    range = `${time(from, locale, timeZone, how)} – ${time(to, locale, timeZone, how)}`;
  }
  return unbroken(`${range} ${zoneName(locale, timeZone, from, how)}`);
}

/** The wall-clock time at the port right now (or at `instant`), with the zone named. */
export function formatClock(locale: string, timeZone: string, instant: Date = new Date()): string {
  const how = writer(locale);
  return unbroken(`${time(instant, locale, timeZone, how)} ${zoneName(locale, timeZone, instant, how)}`);
}

/** A moment on the person's own phone clock ("Last updated …"), where no zone needs naming. */
export function formatLocalMoment(instant: string, locale: string): string {
  const how = writer(locale);
  const at = new Date(instant);
  if (how === "intl") return formatter(locale, { dateStyle: "medium", timeStyle: "short" }).format(at);
  const w = wall(at, undefined);
  if (how === "digits") return `${isoOf(w)} ${pad(w.hour)}:${pad(w.minute)}`;
  const date = how.date({ day: String(w.day), month: how.months[w.month - 1], year: String(w.year) });
  return how.moment({ date, time: time(at, locale, undefined, how) });
}

/** A calendar date ("1990-05-17", a birth date) written out: "17 de mayo de 1990", "17 me 1990". */
export function formatDate(isoDate: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = match.slice(1).map(Number);
  const how = writer(locale);
  if (how === "intl") return formatter(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, day)));
  if (how === "digits") return isoDate;
  return how.date({ day: String(day), month: how.months[month - 1], year: String(year) });
}

/** "Tuesday, December 1, 8:00 – 8:30 AM Pacific time": a whole slot on one line. */
export function formatSlotRange(slot: { start: string; end: string }, timeZone: string, locale: string): string {
  const comma = primaryLanguage(locale) === "ar" ? "، " : ", ";
  return `${formatDay(slot.start, locale, timeZone)}${comma}${formatTimeRange(slot.start, slot.end, locale, timeZone)}`;
}
