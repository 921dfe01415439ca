import { randomBytes } from "node:crypto";
import type { Dispatcher } from "undici";
import { applicationJson } from "./applicants";
import { readAvailability, type DateRange, type SlotSeats } from "./availability";
import type { MultipartBuilder } from "./multipart";
import { Counter, Latencies, type LatencySummary } from "./stats";

// ---- ceiling: GET /api/health ----------------------------------------------------------------

export type CeilingResult = { requests: number; seconds: number; perSecond: number; latency: LatencySummary; statuses: Counter };

/**
 * The most requests a second this server answers on this machine, with the same number of
 * clients as the burst: /api/health goes through the whole stack (Node HTTP, Next routing, one
 * `SELECT 1`) with no real work, so bookings/s can be read as a fraction of it.
 */
export async function runCeiling(pool: Dispatcher, clients: number, seconds: number, path = "/api/health"): Promise<CeilingResult> {
  const latencies = new Latencies();
  const statuses = new Counter();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const { statusCode, body } = await pool.request({ method: "GET", path });
          await body.dump();
          statuses.add(String(statusCode));
        } catch {
          statuses.add("network error");
        }
        latencies.add(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.count, seconds: elapsed, perSecond: latencies.count / elapsed, latency: latencies.summary(), statuses };
}

// ---- booking burst ---------------------------------------------------------------------------

export type BurstOptions = {
  pool: Dispatcher;
  portId: string;
  range: DateRange;
  clients: number;
  initial: SlotSeats[];
  builder: MultipartBuilder;
  photoCount: number;
  /** Called every few seconds with a one-line progress report. */
  progress?: (line: string) => void;
  /** Receives one line per booking request: ms from the burst's start, latency ms, status, travelers. */
  trace?: string[];
};

export type BurstResult = {
  /** From the first request to the response that sold the last seat. */
  sellOutMs: number;
  /** Until every client had stopped (includes the final "is anything left?" reads). */
  wallMs: number;
  bookings: number;
  seatsSold: number;
  /** Photos uploaded, in every booking request whatever its answer: each one is re-encoded. */
  photosSent: number;
  all: Latencies;
  created: Latencies;
  statuses: Counter;
  availabilityReads: number;
  /** First response body seen for each unexpected status, for diagnosis. */
  samples: Map<string, string>;
  aborted?: string;
};

// A real bug (every request 500s, say) must end the run, not spin until killed.
const MAX_UNEXPECTED = 200;
const MAX_TRAVELERS = 4;

/**
 * One client's idea of which slots have seats: what it read, corrected by what its own requests
 * taught it. Clients do not share a view, like people on separate phones; a stale view shows up as
 * 409 slot_full, which the server must answer too (after re-encoding the photos, as it checks
 * seats last), so it is part of the load being measured.
 */
class SlotView {
  private remaining = new Map<string, number>();
  private open: string[] = [];

  constructor(
    slots: SlotSeats[],
    private readonly inRange: Set<string>,
  ) {
    this.replace(slots);
  }

  replace(slots: SlotSeats[]): void {
    this.remaining = new Map(slots.filter((s) => this.inRange.has(s.id)).map((s) => [s.id, s.remaining]));
    this.open = [...this.remaining.keys()].filter((id) => this.remaining.get(id)! > 0);
  }

  set(id: string, remaining: number): void {
    if (!this.inRange.has(id)) return; // an alternative outside the --days range: not for sale here
    const had = this.remaining.get(id) ?? 0;
    this.remaining.set(id, remaining);
    if (remaining > 0 && had <= 0) this.open.push(id);
  }

  get(id: string): number {
    return this.remaining.get(id) ?? 0;
  }

  /** A random slot this client believes has seats; full ones are dropped as they are met. */
  pick(): string | null {
    while (this.open.length > 0) {
      const i = Math.floor(Math.random() * this.open.length);
      const id = this.open[i];
      if (this.get(id) > 0) return id;
      this.open[i] = this.open[this.open.length - 1];
      this.open.pop();
    }
    return null;
  }
}

type ErrorBody = { error?: { code?: string; alternatives?: { id: string; remaining: number }[] } };

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const { pool, portId, range, builder } = options;
  const inRange = new Set(options.initial.map((s) => s.id));
  const result: BurstResult = {
    sellOutMs: 0,
    wallMs: 0,
    bookings: 0,
    seatsSold: 0,
    photosSent: 0,
    all: new Latencies(),
    created: new Latencies(),
    statuses: new Counter(),
    availabilityReads: 0,
    samples: new Map(),
  };
  let soldOut = false;
  let unexpected = 0;
  // Fresh per request and unique across runs; the contract wants 16–128 of [A-Za-z0-9_-].
  const keyPrefix = `bench-${randomBytes(9).toString("base64url")}-`;
  let keyCounter = 0;

  const unexpectedResponse = (key: string, body: string) => {
    if (!result.samples.has(key)) result.samples.set(key, body.slice(0, 500));
    if (++unexpected > MAX_UNEXPECTED) result.aborted ??= `more than ${MAX_UNEXPECTED} unexpected responses`;
  };

  const started = performance.now();
  const progress = setInterval(() => {
    const s = ((performance.now() - started) / 1000).toFixed(0);
    options.progress?.(`  ${s.padStart(4)} s  bookings ${result.bookings}  seats ${result.seatsSold}  ${result.statuses.format()}`);
  }, 5000);

  const client = async () => {
    const view = new SlotView(options.initial, inRange);
    const scratch = builder.scratchBuffer();
    let next: string | null = null; // an alternative the server just offered
    while (!soldOut && !result.aborted) {
      const slotId = next ?? view.pick();
      next = null;
      if (slotId === null) {
        // Nothing left as far as this client knows: ask. Seats never come back during the burst
        // (nobody cancels), so a read with nothing left means the burst is over for everyone.
        const fresh = await readAvailability(pool, portId, range);
        result.availabilityReads++;
        if (fresh.every((s) => !inRange.has(s.id) || s.remaining <= 0)) soldOut = true;
        else view.replace(fresh);
        continue;
      }
      // 1–4 travelers, never more than the client thinks are left: the last seats of a slot go
      // to small groups, so the burst can sell every seat.
      const travelers = Math.min(1 + Math.floor(Math.random() * MAX_TRAVELERS), view.get(slotId));
      const body = builder.build(applicationJson(portId, slotId, travelers), distinctPhotos(travelers, options.photoCount), scratch);

      result.photosSent += travelers;
      const t0 = performance.now();
      let status: number;
      let text: string;
      try {
        const response = await pool.request({
          method: "POST",
          path: "/api/v1/appointments",
          headers: {
            "content-type": builder.contentType,
            "idempotency-key": `${keyPrefix}${(keyCounter++).toString(36)}`,
            "accept-language": "es",
          },
          body,
        });
        status = response.statusCode;
        text = await response.body.text();
      } catch (error) {
        result.all.add(performance.now() - t0);
        result.statuses.add("network error");
        unexpectedResponse("network error", error instanceof Error ? error.message : String(error));
        continue;
      }
      const elapsed = performance.now() - t0;
      result.all.add(elapsed);
      options.trace?.push(`${(t0 - started).toFixed(0)} ${elapsed.toFixed(0)} ${status} ${travelers}`);

      if (status === 201) {
        const seats = (JSON.parse(text) as { appointment: { travelers: unknown[] } }).appointment.travelers.length;
        result.created.add(elapsed);
        result.statuses.add("201");
        result.bookings++;
        result.seatsSold += seats;
        result.sellOutMs = performance.now() - started;
        view.set(slotId, view.get(slotId) - seats);
        if (seats !== travelers) unexpectedResponse("201 with wrong traveler count", text);
        continue;
      }

      let parsed: ErrorBody = {};
      try {
        parsed = JSON.parse(text) as ErrorBody;
      } catch {
        // not JSON: counted under the bare status below
      }
      const code = parsed.error?.code;
      const key = code ? `${status} ${code}` : String(status);
      result.statuses.add(key);
      if (status === 409 && (code === "slot_full" || code === "slot_closed")) {
        // Full for this group means fewer than `travelers` seats left (closed: none). The server
        // offers nearby slots with room for the group, with fresh seat counts: try one next,
        // as a person would; none offered means this client's view is too stale: re-read.
        view.set(slotId, code === "slot_full" ? travelers - 1 : 0);
        const alternatives = (parsed.error?.alternatives ?? []).filter((a) => inRange.has(a.id));
        for (const a of alternatives) view.set(a.id, a.remaining);
        if (alternatives.length > 0) next = alternatives[Math.floor(Math.random() * alternatives.length)].id;
        else view.replace([]);
        continue;
      }
      unexpectedResponse(key, text);
    }
  };

  try {
    await Promise.all(Array.from({ length: options.clients }, client));
  } finally {
    clearInterval(progress);
  }
  result.wallMs = performance.now() - started;
  return result;
}

/** `n` different photos of the prepared set: a family's members do not share one picture. */
function distinctPhotos(n: number, available: number): number[] {
  const chosen: number[] = [];
  while (chosen.length < n) {
    const photo = Math.floor(Math.random() * available);
    if (!chosen.includes(photo) || available < n) chosen.push(photo);
  }
  return chosen;
}
