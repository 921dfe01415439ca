import pg from "pg";
import type { DateRange, SlotSeats } from "./availability";

/**
 * A port's seats as the database holds them, for the final check. The availability answer may now
 * be cached for a moment (one computation per port and range per second, with ETag and
 * Cache-Control), so a read right after the sell-out can show seats that are already gone; the
 * database cannot. Seats are counted twice: from the appointments that hold them (what was really
 * sold) and from the slot's `booked` counter (what the booking write checks against capacity).
 */
export type DatabaseSeats = {
  /** remaining = capacity − travelers of appointments holding a seat in the slot. */
  slots: SlotSeats[];
  /** Slots whose `booked` counter disagrees with the appointments that hold their seats. */
  counterDrift: { id: string; booked: number; seated: number }[];
};

// The statuses that hold a seat: confirmed (first-come), allocated (a draw's pick), checked in.
const HOLDING = ["confirmed", "allocated", "checked_in"];

export async function seatsFromDatabase(databaseUrl: string, portId: string, range: DateRange): Promise<DatabaseSeats> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; date: string; capacity: number; booked: number; seated: string }>(
      `SELECT s.id, to_char(s.date, 'YYYY-MM-DD') AS date, s.capacity, s.booked,
              COALESCE(SUM(a.traveler_count) FILTER (WHERE a.status = ANY($4)), 0) AS seated
         FROM slots s LEFT JOIN appointments a ON a.slot_id = s.id
        WHERE s.port_id = $1 AND s.date BETWEEN $2 AND $3
        GROUP BY s.id ORDER BY s.starts_at`,
      [portId, range.from, range.to, HOLDING],
    );
    return {
      slots: rows.map((r) => ({ id: r.id, date: r.date, capacity: r.capacity, remaining: r.capacity - Number(r.seated) })),
      counterDrift: rows.filter((r) => r.booked !== Number(r.seated)).map((r) => ({ id: r.id, booked: r.booked, seated: Number(r.seated) })),
    };
  } finally {
    await client.end();
  }
}
