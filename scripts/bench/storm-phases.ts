import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { applicationJson } from "./applicants";
import { readAvailability, type DateRange, type SlotSeats } from "./availability";
import { checkpoint } from "./checkpoint";
import { cpuBetween, cpuSnapshot, type CpuShare } from "./cpu";
import { runBurst, runCeiling, type BurstResult, type CeilingResult } from "./load";
import type { MultipartBuilder } from "./multipart";
import { waitForPhotoBacklog, type PhotoBacklog } from "./photo-backlog";
import { verify, type Verification } from "./report";
import { bookingWindow, type BookingWindow } from "./storm-bookings";
import type { GeneratorLoad, GeneratorMeter } from "./storm-generator";
import type { PollCrowd, PollWindow } from "./storm-pollers";
import { seatsFromDatabase, type DatabaseSeats } from "./storm-seats";

/**
 * The storm bench's phases. They share one set of servers, one database and two client pools:
 * the bookers' (one connection per booking client, as in bench:booking) and the pollers' (one per
 * polling phone, also used for the health ceiling, so both are measured over as many connections).
 */
export type StormContext = {
  databaseUrl: string;
  pids: number[];
  bookers: Dispatcher;
  pollers: Dispatcher;
  builder: MultipartBuilder;
  photoCount: number;
  meter: GeneratorMeter;
  log: (line: string) => void;
};

export type Measured = { cpu: CpuShare | null; generator: GeneratorLoad };

function measure(ctx: StormContext): () => Measured {
  const before = cpuSnapshot(ctx.pids);
  ctx.meter.start();
  return () => ({ cpu: cpuBetween(before, cpuSnapshot(ctx.pids), ctx.pids), generator: ctx.meter.read() });
}

/** GET /api/health from as many clients as there are pollers: the most this stack answers. */
export async function healthCeiling(ctx: StormContext, clients: number, seconds: number): Promise<CeilingResult & Measured> {
  // Discarded: opens the pool's connections and gets the route's code optimized.
  await runCeiling(ctx.pollers, clients, 2);
  const done = measure(ctx);
  const ceiling = await runCeiling(ctx.pollers, clients, seconds);
  return { ...ceiling, ...done() };
}

export type SellOut = Measured & {
  portId: string;
  range: DateRange;
  initial: SlotSeats[];
  burst: BurstResult;
  /** One line per booking request (scripts/bench/load.ts's trace format). */
  trace: string[];
  /** The figures to report: the whole burst, or for a storm cut short, its part with the crowd. */
  window: BookingWindow;
  /** When the bookers started, in performance.now() time. */
  startedAt: number;
};

/**
 * `clients` book the port's range until every seat is gone, as bench:booking's burst does.
 * `onStart` runs as the first booking goes out (after the read of what is offered).
 */
export async function sellOut(
  ctx: StormContext,
  portId: string,
  range: DateRange,
  clients: number,
  hooks: { progress?: (line: string) => string; onStart?: () => void } = {},
): Promise<SellOut> {
  const initial = await readAvailability(ctx.bookers, portId, range);
  const seats = initial.reduce((sum, s) => sum + s.remaining, 0);
  ctx.log(`  ${portId} ${range.from}..${range.to}: ${initial.length} slots, ${seats} seats, ${clients} clients booking until sold out…`);
  const done = measure(ctx);
  const trace: string[] = [];
  hooks.onStart?.();
  const startedAt = performance.now();
  const burst = await runBurst({
    pool: ctx.bookers,
    portId,
    range,
    clients,
    initial,
    builder: ctx.builder,
    photoCount: ctx.photoCount,
    progress: hooks.progress ? (line) => ctx.log(hooks.progress!(line)) : undefined,
    trace,
  });
  return { portId, range, initial, burst, trace, window: bookingWindow(burst, trace), startedAt, ...done() };
}

export type Settled = { verification: Verification; seats: DatabaseSeats; photoBacklog: PhotoBacklog; checkpoint: string };

/**
 * After a sell-out: the seats as the database holds them (the final check), then a wait until the
 * photos it left are re-encoded and a CHECKPOINT, so the next phase starts on a quiet server as
 * the first did (scripts/bench/checkpoint.ts, photo-backlog.ts).
 */
export async function settle(ctx: StormContext, sold: SellOut): Promise<Settled> {
  const seats = await seatsFromDatabase(ctx.databaseUrl, sold.portId, sold.range);
  const verification = verify(sold.initial, seats.slots);
  const photoBacklog = await waitForPhotoBacklog(ctx.databaseUrl);
  return { verification, seats, photoBacklog, checkpoint: await checkpoint(ctx.databaseUrl) };
}

export type Storm = SellOut & {
  /** Pollers alone, before the bookers start (after a first second of connecting, discarded). */
  pollOnly: PollWindow & Measured;
  /** Pollers from the bookers' first request to the response that sold the last seat, or the cut. */
  polls: PollWindow;
};

/**
 * The crowd polls; after `leadSeconds` the bookers start; the crowd stops once they are done, or
 * after `maxSeconds` of bookings if they are not (a server the crowd overwhelms would otherwise
 * make the run last many minutes): the bookers then sell the rest alone, and the storm's figures
 * are those of its first `maxSeconds`. CPU is measured over the same span.
 */
export async function storm(
  ctx: StormContext,
  crowd: PollCrowd,
  options: { pollers: number; leadSeconds: number; maxSeconds: number; portId: string; range: DateRange; bookers: number },
): Promise<Storm> {
  crowd.start(options.pollers);
  let sold: SellOut;
  let pollOnly: PollWindow & Measured;
  let cut: { at: number; measured: Measured } | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await sleep(1000);
    const from = performance.now();
    const done = measure(ctx);
    await sleep((options.leadSeconds - 1) * 1000);
    pollOnly = { ...crowd.window(from, performance.now()), ...done() };
    ctx.log(`  pollers alone: ${pollOnly.perSecond.toFixed(0)} availability req/s [${pollOnly.statuses.format()}]`);
    let last = performance.now();
    sold = await sellOut(ctx, options.portId, options.range, options.bookers, {
      progress: (line) => {
        const now = performance.now();
        const rate = crowd.countSince(last) / ((now - last) / 1000);
        last = now;
        return `${line}   polls ${rate.toFixed(0)}/s`;
      },
      onStart: () => {
        const during = measure(ctx);
        timer = setTimeout(() => {
          cut = { at: performance.now(), measured: during() };
          ctx.log(`  ${options.maxSeconds} s of bookings with the crowd and not sold out: the crowd stops, the bookers sell the rest alone (not counted)`);
          void crowd.stop();
        }, options.maxSeconds * 1000);
      },
    });
    if (cut) sold = { ...sold, ...cut.measured, window: bookingWindow(sold.burst, sold.trace, cut.at - sold.startedAt) };
  } finally {
    clearTimeout(timer);
    await crowd.stop();
  }
  const polls = crowd.window(sold.startedAt, sold.startedAt + sold.window.seconds * 1000);
  return { ...sold, pollOnly, polls };
}

/**
 * Next.js loads each route's code on its first request. The bookings name a slot that does not
 * exist: they run parsing, validation and the photos' checks, and are refused before any write.
 */
export async function loadRoutes(ctx: StormContext, portId: string, range: DateRange): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const health = await ctx.bookers.request({ method: "GET", path: "/api/health" });
    await health.body.dump();
  }
  await readAvailability(ctx.bookers, portId, range);
  for (let i = 0; i < 4; i++) {
    const response = await ctx.bookers.request({
      method: "POST",
      path: "/api/v1/appointments",
      headers: { "content-type": ctx.builder.contentType, "idempotency-key": `bench-storm-warmup-${Date.now()}-${i}` },
      body: ctx.builder.build(applicationJson(portId, "bench-warmup-no-such-slot", 1 + (i % 4)), [0, 1, 2, 3].slice(0, 1 + (i % 4))),
    });
    const text = await response.body.text();
    if (response.statusCode !== 404) throw new Error(`warm-up booking: expected 404 slot_not_found, got ${response.statusCode} ${text.slice(0, 300)}`);
  }
}
