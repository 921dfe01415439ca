/**
 * The release minute: a crowd of phones polls a port's availability while bookers sell it out.
 * On PostgreSQL with one server process per core, in one run: the /api/health ceiling over as many
 * connections as there are pollers; bench:booking's burst alone on half of San Ysidro's window;
 * then the other half sold the same way while 1,000 pollers keep asking what is free. Prints
 * availability req/s beside the ceiling, bookings/s and p99 beside the burst alone, errors by
 * status, oversold slots (from the database), and where the CPU went, the bench's own included.
 * `npm run bench:storm -- --help`; parts in scripts/bench/ (storm-*.ts are this bench's own).
 */
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { bookingRange, type DateRange } from "./bench/availability";
import { backgroundLoad } from "./bench/cpu";
import { checkpoint } from "./bench/checkpoint";
import { LeastBusy } from "./bench/least-busy";
import { MultipartBuilder } from "./bench/multipart";
import { waitForPhotoBacklog } from "./bench/photo-backlog";
import { makePhotos } from "./bench/photos";
import { createBenchDatabase, ensureBuild, runBench, runCleanups, startServer } from "./bench/server";
import { Counter } from "./bench/stats";
import { GeneratorMeter } from "./bench/storm-generator";
import { healthCeiling, loadRoutes, sellOut, settle, storm, type StormContext } from "./bench/storm-phases";
import { PollCrowd } from "./bench/storm-pollers";
import { printStormReport, stormFailures, type StormResult } from "./bench/storm-report";

const PORT_ID = "san-ysidro";
const PORT_TIME_ZONE = "America/Los_Angeles";
// Sold out first, uncounted, so the measured phases meet servers whose code V8 has optimized
// (see bench:booking): El Paso with the crowd polling it at first (the availability path), then
// Laredo by the bookers alone.
const WARM_UP = [
  { id: "el-paso", timeZone: "America/Denver", withPollers: true },
  { id: "laredo", timeZone: "America/Chicago", withPollers: false },
];
const WARM_UP_POLL_MS = 3000;
const PHOTO_COUNT = 6;
const MAX_TRAVELERS = 4;

type Options = {
  pollers: number;
  bookers: number;
  instances: number;
  days: number;
  pollDays: number;
  thinkMs: number;
  healthSeconds: number;
  leadSeconds: number;
  stormSeconds: number;
  warmDays: number;
  poolSize: number;
  cold: boolean;
};

const HELP = `npm run bench:storm -- [options]   (needs DATABASE_URL: PostgreSQL)
  --pollers N        phones polling availability, one keep-alive connection each (default 1000)
  --bookers N        clients booking until sold out, as bench:booking's (default 200)
  --instances N      server processes sharing the database (default: one per core, ${os.availableParallelism()} here)
  --days N           days of San Ysidro each booking phase sells (default 7, at most 7): the storm
                     sells days 1..N from tomorrow, what the app shows first; the phase alone days
                     N+1..2N, the same seats (320 a day)
  --poll-days N      days each poll asks for, from tomorrow, as the app's slot picker does
                     (default 14: components/slots/slot-picker.tsx asks for its whole booking
                     window, tomorrow to +14, lib/scheduling/client/format-slot.ts; at most 31)
  --think-ms MS      pause between one poller's polls, ±50 % (default 0: as fast as answered)
  --health-seconds S measured length of the health ceiling (default 5)
  --lead-seconds S   the crowd polls alone this long before the bookers start (default 4;
                     the first second, connecting, is not counted)
  --storm-seconds S  the most the crowd polls once the bookers have started (default 45): if the
                     seats are not gone by then, the crowd stops, the bookers sell the rest alone,
                     and the storm's booking figures are those of its first S seconds
  --warm-days N      days of El Paso and Laredo sold out first, uncounted (default 4)
  --pool-size N      each server's DATABASE_POOL_SIZE (default 20)
  --cold             skip the warm-up sell-outs
A fresh puerta_bench_* database is created on DATABASE_URL's server and dropped at the end.
Exits 1 on an oversold or lost seat, any 5xx or broken connection; prints PASS/MISS per target
without failing on it (throughput is the machine's to decide).`;

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      pollers: { type: "string", default: "1000" },
      bookers: { type: "string", default: "200" },
      instances: { type: "string", default: String(os.availableParallelism()) },
      days: { type: "string", default: "7" },
      "poll-days": { type: "string", default: "14" },
      "think-ms": { type: "string", default: "0" },
      "health-seconds": { type: "string", default: "5" },
      "lead-seconds": { type: "string", default: "4" },
      "storm-seconds": { type: "string", default: "45" },
      "warm-days": { type: "string", default: "4" },
      "pool-size": { type: "string", default: "20" },
      cold: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const whole = (name: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    pollers: whole("pollers", values.pollers, 1, 10_000),
    bookers: whole("bookers", values.bookers, 1, 5000),
    instances: whole("instances", values.instances, 1, 16),
    days: whole("days", values.days, 1, 7),
    pollDays: whole("poll-days", values["poll-days"], 1, 31),
    thinkMs: whole("think-ms", values["think-ms"], 0, 600_000),
    healthSeconds: whole("health-seconds", values["health-seconds"], 1, 600),
    leadSeconds: whole("lead-seconds", values["lead-seconds"], 2, 600),
    stormSeconds: whole("storm-seconds", values["storm-seconds"], 1, 3600),
    warmDays: whole("warm-days", values["warm-days"], 1, 14),
    poolSize: whole("pool-size", values["pool-size"], 1, 200),
    cold: values.cold ?? false,
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n(npm run bench:storm -- --help)`);
    return 2;
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl?.startsWith("postgres")) {
    console.error(
      "bench:storm runs on PostgreSQL only: set DATABASE_URL (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:storm).\n" +
        "The embedded database (PGlite) lives inside one server process and its data folder admits one process, while the storm is about one server process per core.",
    );
    return 2;
  }
  ensureBuild();
  const t0 = performance.now();
  console.log(
    `Puerta storm benchmark: ${os.availableParallelism()} cores, Node ${process.version}, ${options.instances} server processes, ${options.pollers} pollers, ${options.bookers} bookers`,
  );
  console.log("All clients connect from 127.0.0.1 (one rate-limit bucket), so the servers run with RATE_LIMIT_PER_MINUTE=0.");

  // The storm sells the first days the app shows; the phase alone the days after, same seats.
  const stormRange = bookingRange(PORT_TIME_ZONE, options.days);
  const aloneRange: DateRange = { from: addDays(stormRange.to, 1), to: addDays(stormRange.to, options.days) };
  const appRange = (timeZone: string): DateRange => {
    const from = bookingRange(timeZone, 1).from;
    return { from, to: addDays(from, options.pollDays - 1) };
  };
  const pollRange = appRange(PORT_TIME_ZONE);
  const pollPath = (portId: string, range: DateRange) => `/api/v1/ports/${portId}/availability?from=${range.from}&to=${range.to}`;

  const result: StormResult = {
    instances: options.instances,
    pollers: options.pollers,
    bookers: options.bookers,
    pollPath: pollPath(PORT_ID, pollRange),
    thinkMs: options.thinkMs,
    warmUp: new Counter(),
    serverErrors: [],
  };
  const meter = new GeneratorMeter();
  let servers: Awaited<ReturnType<typeof startServer>>[] = [];
  let bookers: LeastBusy | undefined;
  let pollers: LeastBusy | undefined;
  try {
    const builder = new MultipartBuilder(await makePhotos(PHOTO_COUNT), MAX_TRAVELERS);
    const database = await createBenchDatabase(adminUrl);
    console.log(`database ${database.name} created (dropped at the end)`);
    // The first instance migrates, seeds and makes the keys; the others start after it.
    servers = [await startServer({ databaseUrl: database.url, poolSize: options.poolSize })];
    while (servers.length < options.instances) {
      servers.push(await startServer({ databaseUrl: database.url, poolSize: options.poolSize, dataDir: servers[0].dataDir }));
    }
    console.log(`servers up: ${servers.map((s) => `${s.origin} (pid ${s.pid})`).join(", ")}; DATABASE_POOL_SIZE=${options.poolSize} each`);

    // Two pools, both sending each request to the process with the fewest in flight
    // (scripts/bench/least-busy.ts): the bookers never wait for a socket the crowd holds.
    const perInstance = (clients: number) => Math.ceil(clients / options.instances) + 4;
    const timeouts = { headersTimeout: 600_000, bodyTimeout: 600_000 };
    bookers = new LeastBusy(servers.map((s) => s.origin), { connections: perInstance(options.bookers), ...timeouts });
    pollers = new LeastBusy(servers.map((s) => s.origin), { connections: perInstance(options.pollers), ...timeouts });
    const ctx: StormContext = {
      databaseUrl: database.url,
      pids: servers.map((s) => s.pid),
      bookers,
      pollers,
      builder,
      photoCount: PHOTO_COUNT,
      meter,
      log: (line) => console.log(line),
    };
    await loadRoutes(ctx, PORT_ID, pollRange);

    if (!options.cold) {
      console.log("\n== warm-up (not counted)");
      for (const port of WARM_UP) {
        const range = bookingRange(port.timeZone, options.warmDays);
        const crowd = new PollCrowd(pollers, pollPath(port.id, appRange(port.timeZone)), "es", options.thinkMs);
        // The crowd only for the first seconds: enough to get the availability path optimized,
        // while a server without a cache for it could otherwise make the warm-up last minutes.
        if (port.withPollers) crowd.start(options.pollers);
        const crowdDone = port.withPollers ? sleep(WARM_UP_POLL_MS).then(() => crowd.stop()) : Promise.resolve();
        try {
          const sold = await sellOut(ctx, port.id, range, options.bookers);
          for (const [key, n] of sold.burst.statuses.counts) result.warmUp.add(key, n);
          const polled = port.withPollers ? `; the crowd polled for its first ${WARM_UP_POLL_MS / 1000} s (${crowd.allStatuses().format()})` : "";
          console.log(`  sold out in ${(sold.burst.sellOutMs / 1000).toFixed(1)} s: ${sold.burst.bookings} bookings${polled}`);
        } finally {
          await crowdDone;
        }
        for (const [key, n] of crowd.allStatuses().counts) if (/^5\d\d/.test(key) || key === "network error") result.warmUp.add(`poll ${key}`, n);
      }
      const drained = await waitForPhotoBacklog(database.url);
      console.log(`  photos re-encoded in ${drained.seconds.toFixed(1)} s; checkpoint ${await checkpoint(database.url)}`);
    }

    console.log(`\n== health ceiling: GET /api/health from ${options.pollers} clients, ${options.healthSeconds} s`);
    await warnIfBusy();
    result.ceiling = await healthCeiling(ctx, options.pollers, options.healthSeconds);
    console.log(`  ${result.ceiling.perSecond.toFixed(0)} req/s [${result.ceiling.statuses.format()}]`);

    console.log(`\n== bookings alone (bench:booking's burst, no pollers)`);
    await warnIfBusy();
    const alone = await sellOut(ctx, PORT_ID, aloneRange, options.bookers, { progress: (line) => line });
    result.baseline = { ...alone, ...(await settle(ctx, alone)) };
    console.log(`  sold out in ${(alone.burst.sellOutMs / 1000).toFixed(1)} s; photos re-encoded ${result.baseline.photoBacklog.seconds.toFixed(1)} s later; checkpoint ${result.baseline.checkpoint}`);

    console.log(`\n== storm: ${options.pollers} pollers on ${result.pollPath}, then ${options.bookers} bookers`);
    await warnIfBusy();
    const crowd = new PollCrowd(pollers, result.pollPath, "es", options.thinkMs);
    result.crowd = crowd;
    const stormed = await storm(ctx, crowd, {
      pollers: options.pollers,
      leadSeconds: options.leadSeconds,
      maxSeconds: options.stormSeconds,
      portId: PORT_ID,
      range: stormRange,
      bookers: options.bookers,
    });
    result.storm = { ...stormed, ...(await settle(ctx, stormed)) };
    console.log(`  sold out in ${(stormed.burst.sellOutMs / 1000).toFixed(1)} s; photos re-encoded ${result.storm.photoBacklog.seconds.toFixed(1)} s later`);
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  } finally {
    result.serverErrors = servers.flatMap((s) => s.errorLines());
    meter.close();
    await bookers?.close().catch(() => undefined);
    await pollers?.close().catch(() => undefined);
    await runCleanups(); // stops the servers, then drops the bench database
  }

  printStormReport(result);
  const failures = stormFailures(result);
  for (const failure of failures) console.log(`FAIL: ${failure}`);
  console.log(`\n${failures.length > 0 ? "FAILED" : "OK: nothing oversold or lost, no 5xx"} (whole run ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return failures.length > 0 ? 1 : 0;
}

/** This box may be shared (other builds, tests): say so when something else is using it. */
async function warnIfBusy(): Promise<void> {
  const load = await backgroundLoad();
  if (load !== null && load > 0.2) {
    console.log(`  WARNING: the machine is already ${load.toFixed(2)} cores busy before this phase (other processes): numbers will be low`);
  }
}

runBench(main);
