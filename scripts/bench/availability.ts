import type { Dispatcher } from "undici";

export type SlotSeats = { id: string; date: string; capacity: number; remaining: number };
export type DateRange = { from: string; to: string };

// The API refuses ranges over 31 days (invalid_range).
const MAX_RANGE_DAYS = 31;

/** Today's date where the port is: the booking window is counted in the port's own time zone. */
function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The days to sell: tomorrow through +14 (the server's default window, BOOKING_FIRST_DAY=1,
 * BOOKING_HORIZON_DAYS=14), or only the first `days` of it.
 */
export function bookingRange(timeZone: string, days?: number): DateRange {
  const today = todayIn(timeZone);
  const from = addDays(today, 1);
  const to = days === undefined ? addDays(today, 14) : addDays(from, Math.min(days, 14) - 1);
  return { from, to };
}

/** Every bookable slot of the port in the range, read in chunks the API accepts. */
export async function readAvailability(client: Dispatcher, portId: string, range: DateRange): Promise<SlotSeats[]> {
  const slots: SlotSeats[] = [];
  for (let from = range.from; from <= range.to; from = addDays(from, MAX_RANGE_DAYS)) {
    const last = addDays(from, MAX_RANGE_DAYS - 1);
    const to = last < range.to ? last : range.to;
    const { statusCode, body } = await client.request({
      method: "GET",
      path: `/api/v1/ports/${portId}/availability?from=${from}&to=${to}`,
    });
    const text = await body.text();
    if (statusCode !== 200) throw new Error(`availability ${from}..${to}: HTTP ${statusCode} ${text.slice(0, 300)}`);
    const parsed = JSON.parse(text) as {
      days: { date: string; slots: { id: string; capacity: number; remaining: number }[] }[];
    };
    for (const day of parsed.days) {
      for (const s of day.slots) slots.push({ id: s.id, date: day.date, capacity: s.capacity, remaining: s.remaining });
    }
  }
  return slots;
}
