import "server-only";
import { checkRange, getAvailability } from "./availability";
import { singleFlight } from "./single-flight";

/**
 * When slots open, thousands of phones ask the same port and range at once. Each process computes
 * a port's range at most once a second and every request meanwhile shares that answer, already
 * serialized: the per-request cost is a map lookup, and the database sees one read per range per
 * second per process however large the crowd. A second is short next to the time a person takes
 * from seeing a time to sending (the booking's own write refuses a seat gone meanwhile, with
 * alternatives), and it matches the shared caches' `s-maxage` (`lib/server/http/public-cache.ts`).
 * This process's own bookings do not drop the memo: in the rush a booking lands every few
 * milliseconds, and dropping it on each would recompute as often, the very cost it removes.
 */
const REUSE_MS = 1000;

// Ranges held at once. The booking app asks one range per port per day (tomorrow to 14 days
// ahead, port-local), so a deployment's real keys are a few dozen; the bound only stops a stream
// of made-up ranges from growing memory: at most ~128 × 90 KB (31 busy days) ≈ 12 MB, and less
// in practice since entries go once a second old.
const MAX_RANGES = 128;

const encoder = new TextEncoder();
const answers = singleFlight<Uint8Array<ArrayBuffer>>({ ttlMs: REUSE_MS, maxEntries: MAX_RANGES });

// Control characters never pass portIdSchema, so a line break cannot occur inside a key's parts.
const keyOf = (portId: string, from: string, to: string) => `${portId}\n${from}\n${to}`;

/**
 * `getAvailability` as of now, as the UTF-8 JSON every reader gets: the same bytes object for
 * every request within a second, so its ETag is computed once too. A bad range is refused before
 * it takes a place in the memo; an unknown port's 404 is not remembered.
 */
export async function availabilityJson(portId: string, from: string, to: string): Promise<Uint8Array<ArrayBuffer>> {
  checkRange(from, to);
  return answers.get(keyOf(portId, from, to), (at) => compute(portId, from, to, at));
}

const compute = async (portId: string, from: string, to: string, at: number) => encoder.encode(JSON.stringify(await getAvailability(portId, from, to, new Date(at))));

// How long past REUSE_MS a held answer is still sent at once while the next one is computed: when
// a crowd makes the event loop run late, the held answer keeps going out instead of every request
// falling through to the full path together (which made it later still).
const STALE_MS = 1000;

/**
 * The answer held for this range, if one is current or at most STALE_MS past it (then the next is
 * started); else undefined. For answers that cannot wait (lib/server/http/edge-offers.ts).
 */
export function heldAvailabilityJson(portId: string, from: string, to: string): Uint8Array<ArrayBuffer> | undefined {
  return answers.peek(keyOf(portId, from, to), { staleMs: STALE_MS, refresh: (at) => compute(portId, from, to, at) });
}
