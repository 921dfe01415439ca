// Calendar and time-zone arithmetic on plain strings: dates are "YYYY-MM-DD", wall times "HH:MM".
// Node 20 has no Temporal, so zone offsets come from Intl.DateTimeFormat.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Round-tripping through UTC rejects 2027-02-29, 2026-04-31 etc. without a leap-year table.
  const utc = new Date(utcMs(y, mo, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d;
}

export function isClockTime(s: string): boolean {
  return TIME_RE.test(s);
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return formatUtcDate(new Date(dateMs(date) + days * MS_PER_DAY));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(dateMs(date)).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateMs(to) - dateMs(from)) / MS_PER_DAY);
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `time`.
 *
 * Disambiguation matches Temporal's "compatible" mode:
 * - a wall time skipped by a spring-forward gap is shifted forward by the gap's length
 *   (02:30 on 2027-03-14 in America/Los_Angeles → 03:30 PDT);
 * - a wall time repeated by a fall-back overlap resolves to the earlier instant
 *   (01:30 on 2026-11-01 in America/Los_Angeles → 01:30 PDT, -07:00).
 *
 * Method: read the zone's offset a day before and a day after the wall time (two Intl passes;
 * zones never change offset twice within 48 hours), try each as the answer, and keep the ones
 * whose offset agrees with itself. Two survivors = overlap, none = gap.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const t = TIME_RE.exec(time);
  if (!t) throw new RangeError(`Invalid time: ${time}`);
  const wall = dateMs(date) + (Number(t[1]) * 60 + Number(t[2])) * MS_PER_MINUTE;

  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const candidates = [before, after]
    .map((offset) => wall - offset * MS_PER_MINUTE)
    .filter((ms) => wall - offsetAt(ms, timeZone) * MS_PER_MINUTE === ms);

  // Gap: using the pre-transition offset lands the same distance past the gap, i.e. shifts forward.
  if (candidates.length === 0) return new Date(wall - before * MS_PER_MINUTE);
  return new Date(Math.min(...candidates));
}

/** The zone's UTC offset in minutes at `instant` (east positive: Asia/Kolkata → 330). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  return offsetAt(instant.getTime(), timeZone);
}

/** ISO 8601 with the zone's numeric offset, whole seconds, never "Z": 2026-12-01T08:00:00-08:00. */
export function formatInstant(instant: Date, timeZone: string): string {
  const ms = floorToSecond(instant.getTime());
  const p = wallParts(ms, timeZone);
  const offset = Math.round((partsMs(p) - ms) / MS_PER_MINUTE);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The calendar date the zone's wall clock shows at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = wallParts(instant.getTime(), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

// --- internals ---------------------------------------------------------------------------------

type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// Constructing a DateTimeFormat costs far more than using one, and these run per slot.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23", // without it some ICU versions print midnight as "24"
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// formatToParts is the costly step (~10 µs, and a booking or an availability answer formats dozens
// of slot times, the same few hundred over and over during a rush): remembered per zone and
// minute. Per minute, not per instant: every request asks about its own "now", which would fill
// the cache with keys never asked again; zone offsets have been whole minutes since 1972, so the
// seconds are simply carried over.
const wallCache = new Map<string, Readonly<WallParts>>();
const WALL_CACHE_LIMIT = 20_000;

function wallParts(ms: number, timeZone: string): Readonly<WallParts> {
  const minute = Math.floor(ms / MS_PER_MINUTE) * MS_PER_MINUTE;
  const parts = minuteParts(minute, timeZone);
  const second = Math.floor((ms - minute) / 1000);
  // A whole-minute offset leaves the minute's own second at 0; anything else is read exactly.
  if (parts.second !== 0) return formattedParts(ms, timeZone);
  return second === 0 ? parts : { ...parts, second };
}

function minuteParts(minute: number, timeZone: string): Readonly<WallParts> {
  const key = `${timeZone}|${minute}`;
  const cached = wallCache.get(key);
  if (cached) return cached;
  const p = formattedParts(minute, timeZone);
  if (wallCache.size >= WALL_CACHE_LIMIT) wallCache.clear();
  wallCache.set(key, p);
  return p;
}

function formattedParts(ms: number, timeZone: string): WallParts {
  const p: WallParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of formatterFor(timeZone).formatToParts(ms)) {
    if (type in p) p[type as keyof WallParts] = Number(value);
  }
  return p;
}

function offsetAt(ms: number, timeZone: string): number {
  // Intl reports whole seconds, so compare against the instant truncated the same way.
  const floored = floorToSecond(ms);
  return Math.round((partsMs(wallParts(floored, timeZone)) - floored) / MS_PER_MINUTE);
}

function partsMs(p: WallParts): number {
  return utcMs(p.year, p.month, p.day) + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
}

function dateMs(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`Invalid calendar date: ${date}`);
  const [y, m, d] = date.split("-").map(Number);
  return utcMs(y, m, d);
}

function utcMs(year: number, month: number, day: number): number {
  // No Date object on the common path: this runs for every date a request compares.
  if (year >= 100) return Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getTime();
}

function formatUtcDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}
