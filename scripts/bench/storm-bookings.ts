import type { BurstResult } from "./load";
import { Latencies, type LatencySummary } from "./stats";

/**
 * A burst's bookings within a time window, from its trace (one line per booking request: ms from
 * the burst's start, latency ms, status, travelers). The storm may be cut short: when the crowd
 * stops polling before the seats are gone, only what the bookers did while it polled is the
 * storm's figure; the rest is sold without the crowd and counted nowhere but in the seat check.
 * Without a cut, the window is the whole burst and the figures are bench:booking's.
 */
export type BookingWindow = {
  /** Seconds the figures are per: until the last seat sold, or the cut. */
  seconds: number;
  bookings: number;
  seats: number;
  all: LatencySummary;
  created: LatencySummary;
  /** Set when the crowd stopped before the sell-out: ms from the burst's start. */
  cutAtMs?: number;
};

export function bookingWindow(burst: BurstResult, trace: string[], cutAtMs?: number): BookingWindow {
  const cut = cutAtMs !== undefined && cutAtMs < burst.sellOutMs ? cutAtMs : undefined;
  const all = new Latencies();
  const created = new Latencies();
  let bookings = 0;
  let seats = 0;
  for (const line of trace) {
    const [start, latency, status, travelers] = line.split(" ").map(Number);
    if (cut !== undefined && start + latency > cut) continue;
    all.add(latency);
    if (status === 201) {
      created.add(latency);
      bookings++;
      seats += travelers;
    }
  }
  return { seconds: (cut ?? burst.sellOutMs) / 1000, bookings, seats, all: all.summary(), created: created.summary(), cutAtMs: cut };
}
