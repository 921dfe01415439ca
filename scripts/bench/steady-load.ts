import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { applicationJson } from "./applicants";
import type { MultipartBuilder } from "./multipart";
import type { SeatView } from "./seat-view";
import { Counter, Latencies } from "./stats";

/**
 * Normal booking traffic at a steady pace: each client is one phone, with a network address of
 * its own (X-Forwarded-For; the server trusts one proxy hop), booking for 1–4 travelers with
 * real-size app photos every `intervalMs`, its first booking at its own offset in the interval so
 * the clients do not send in lockstep. A client never has two bookings in flight: a late answer
 * delays its next booking. The offered load is the same with and without abusers, so the
 * latencies of the two runs can be compared.
 */
export type SteadyOptions = {
  pool: Dispatcher;
  clients: number;
  intervalMs: number;
  seconds: number;
  builder: MultipartBuilder;
  photoCount: number;
  view: SeatView;
  portIds: Set<string>;
  /** Client i's address: the same client keeps it from run to run. */
  addressOf: (client: number) => string;
};

export type SteadyResult = {
  all: Latencies;
  created: Latencies;
  statuses: Counter;
  samples: Map<string, string>;
  seconds: number;
  /** Every booking, `at` when it was sent, in epoch ms: to set slow ones beside the server's stalls. */
  bookings: Booking[];
  startedAt: number;
};

/** `serverTiming`: the answer's Server-Timing (body read, wait for the submission line, decision). */
type Booking = { at: number; ms: number; status: number; serverTiming?: string };

const MAX_TRAVELERS = 4;

export async function runSteady(options: SteadyOptions): Promise<SteadyResult> {
  const started = performance.now();
  const result: SteadyResult = {
    all: new Latencies(),
    created: new Latencies(),
    statuses: new Counter(),
    samples: new Map(),
    seconds: 0,
    bookings: [],
    startedAt: performance.timeOrigin + started,
  };
  const keyPrefix = `steady-${randomBytes(9).toString("base64url")}-`;
  let counter = 0;
  const end = started + options.seconds * 1000;

  const client = async (index: number) => {
    const scratch = options.builder.scratchBuffer();
    let due = started + (index * options.intervalMs) / options.clients;
    for (;;) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() >= end) return;
      due += options.intervalMs;
      const travelers = 1 + Math.floor(Math.random() * MAX_TRAVELERS);
      const slot = options.view.take(travelers, options.portIds);
      if (!slot) {
        result.statuses.add("no seats left to try");
        continue;
      }
      const photos = Array.from({ length: travelers }, (_, i) => (index + i) % options.photoCount);
      const body = options.builder.build(applicationJson(slot.portId, slot.id, travelers), photos, scratch);
      const t0 = performance.now();
      let status = 0;
      let text = "";
      let serverTiming: string | undefined;
      try {
        const response = await options.pool.request({
          method: "POST",
          path: "/api/v1/appointments",
          headers: {
            "content-type": options.builder.contentType,
            "idempotency-key": `${keyPrefix}${(counter++).toString(36)}`,
            "accept-language": "es",
            "x-forwarded-for": options.addressOf(index),
          },
          body,
        });
        status = response.statusCode;
        const timing = response.headers["server-timing"];
        serverTiming = Array.isArray(timing) ? timing.join(", ") : timing;
        text = await response.body.text();
      } catch (error) {
        text = error instanceof Error ? error.message : String(error);
      }
      const elapsed = performance.now() - t0;
      result.all.add(elapsed);
      result.bookings.push({ at: performance.timeOrigin + t0, ms: elapsed, status, serverTiming });
      if (status === 201) {
        result.created.add(elapsed);
        result.statuses.add("201");
        continue;
      }
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {
        // not JSON
      }
      const label = status === 0 ? "network error" : code ? `${status} ${code}` : String(status);
      result.statuses.add(label);
      if (status === 409) options.view.learn(slot.id, travelers, text);
      else options.view.giveBack(slot.id, travelers);
      if (!result.samples.has(label)) result.samples.set(label, text.slice(0, 300));
    }
  };

  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
