/**
 * Booking benchmark: how fast the production build sells out a port, and whether it ever
 * sells a seat twice. See scripts/bench/ for the parts; `npm run bench:booking -- --help`.
 *
 * For PGlite (always) and PostgreSQL (when DATABASE_URL is set: a fresh database is created on
 * that server and dropped afterwards), it starts `node server.mjs`, measures the /api/health
 * ceiling, then lets N concurrent clients book San Ysidro's whole booking window with real-size
 * photos until every seat is gone, and checks the seat accounting against a final read.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Dispatcher } from "undici";
import { bookingRange, readAvailability } from "./bench/availability";
import { backgroundLoad, cpuBetween, cpuSnapshot } from "./bench/cpu";
import { LeastBusy } from "./bench/least-busy";
import { runBurst, runCeiling } from "./bench/load";
import { MultipartBuilder } from "./bench/multipart";
import { checkpoint } from "./bench/checkpoint";
import { waitForPhotoBacklog } from "./bench/photo-backlog";
import { makePhotos, measureReencode, PHOTO_HEIGHT, PHOTO_WIDTH } from "./bench/photos";
import { failuresOf, printComparison, printDatabaseReport, verify, type DatabaseResult } from "./bench/report";
import { createBenchDatabase, ensureBuild, runBench, runCleanups, startServer } from "./bench/server";
import { applicationJson } from "./bench/applicants";

const PORT_ID = "san-ysidro";
const PORT_TIME_ZONE = "America/Los_Angeles";
const WARM_UP_PORTS = [
  { id: "el-paso", timeZone: "America/Denver" },
  { id: "laredo", timeZone: "America/Chicago" },
];
const PHOTO_COUNT = 6;
const MAX_TRAVELERS = 4;

type Options = { trace?: string; cold: boolean; clients: number; days?: number; healthSeconds: number; poolSize: number; instances?: number; only?: string };

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "200" },
      days: { type: "string" },
      "health-seconds": { type: "string", default: "5" },
      "pool-size": { type: "string", default: "20" },
      instances: { type: "string" },
      only: { type: "string" },
      cold: { type: "boolean", default: false },
      trace: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(`npm run bench:booking -- [--clients N] [--days N] [--health-seconds S] [--pool-size N] [--only pglite|postgres] [--cold]
  --clients         concurrent clients, for the health ceiling and the burst (default 200)
  --days            sell only the first N days of the 14-day window (default: all of it)
  --health-seconds  how long to drive GET /api/health (default 5)
  --pool-size       each server's DATABASE_POOL_SIZE on PostgreSQL (default 20)
  --instances       server processes on PostgreSQL, sharing its database and keys, the clients
                    spread over them (default: one per core; PGlite is one process's database)
  --only            run one database only
  --trace FILE      write one line per measured booking request to FILE.pglite / FILE.postgres:
                    ms from the burst's start, latency ms, status, travelers
  --cold            skip the warm-up (by default El Paso and Laredo are sold out first, uncounted,
                    so the burst meets a server whose booking code V8 has already optimized;
                    on PGlite two days of El Paso)
PostgreSQL runs when DATABASE_URL is set (a fresh puerta_bench_* database is created and dropped).`);
    process.exit(0);
  }
  const whole = (name: string, value: string | undefined, min: number, max: number) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    cold: values.cold ?? false,
    trace: values.trace,
    clients: whole("clients", values.clients, 1, 5000)!,
    days: whole("days", values.days, 1, 14),
    healthSeconds: whole("health-seconds", values["health-seconds"], 1, 600)!,
    poolSize: whole("pool-size", values["pool-size"], 1, 200)!,
    instances: whole("instances", values.instances, 1, 16),
    only: values.only,
  };
}

async function main(): Promise<number> {
  const options = parseOptions();
  ensureBuild();

  console.log(`Puerta booking benchmark: ${os.cpus().length} cores, Node ${process.version}, ${options.clients} clients, port ${PORT_ID}`);
  console.log(
    "All clients connect from 127.0.0.1, i.e. one rate-limit bucket, so the server runs with RATE_LIMIT_PER_MINUTE=0 (limit off; production default 120 writes/min per address).",
  );

  const photos = await makePhotos(PHOTO_COUNT);
  const averageKb = photos.reduce((sum, p) => sum + p.length, 0) / photos.length / 1024;
  console.log(`photos: ${photos.length} distinct ${PHOTO_WIDTH}×${PHOTO_HEIGHT} JPEGs, average ${averageKb.toFixed(0)} KB (one per traveler, 1–${MAX_TRAVELERS} travelers a booking)`);
  const cost = await measureReencode(photos);
  console.log(
    `re-encode cost here (server's sharp pipeline, measured in the bench process): ${cost.msPerPhoto.toFixed(1)} ms/photo wall, ${cost.cpuMsPerPhoto.toFixed(1)} ms CPU/photo, ${cost.photosPerSecond.toFixed(0)} photos/s at 4 in parallel (~${(cost.photosPerSecond / 2.5).toFixed(0)} bookings/s of 2.5 travelers): why JPEGs are re-encoded after the rush, not in the booking request`,
  );
  const builder = new MultipartBuilder(photos, MAX_TRAVELERS);

  const databases: { key: string; label: string; adminUrl?: string }[] = [{ key: "pglite", label: "PGlite" }];
  if (process.env.DATABASE_URL) databases.push({ key: "postgres", label: "PostgreSQL", adminUrl: process.env.DATABASE_URL });
  else console.log("DATABASE_URL not set: PostgreSQL skipped.");
  const selected = databases.filter((d) => !options.only || d.key === options.only);
  if (selected.length === 0) throw new Error(`--only ${options.only}: no such database to run (pglite, or postgres with DATABASE_URL set)`);

  const results: DatabaseResult[] = [];
  for (const database of selected) results.push(await runDatabase(database, options, builder));

  printComparison(results, options.clients);
  const failed = results.some((r) => r.error || r.failures.length > 0);
  if (failed) console.log("\nFAILED: see above.");
  return failed ? 1 : 0;
}

async function runDatabase(database: { label: string; adminUrl?: string }, options: Options, builder: MultipartBuilder): Promise<DatabaseResult> {
  const result: DatabaseResult = { label: database.label, failures: [] };
  console.log(`\n== ${database.label}`);
  let pool: LeastBusy | undefined;
  try {
    let databaseUrl = "";
    if (database.adminUrl) {
      const created = await createBenchDatabase(database.adminUrl);
      databaseUrl = created.url;
      console.log(`database ${created.name} created (dropped at the end)`);
    }
    // Node runs a process's JavaScript on one thread: on PostgreSQL a deployment runs one process
    // per core (behind a load balancer; the rate limits and the photo queue live in the
    // database). The first instance migrates, seeds and makes the keys; the others start after it.
    const instances = databaseUrl ? (options.instances ?? os.cpus().length) : 1;
    const t0 = performance.now();
    const servers = [await startServer({ databaseUrl, poolSize: options.poolSize })];
    while (servers.length < instances) servers.push(await startServer({ databaseUrl, poolSize: options.poolSize, dataDir: servers[0].dataDir }));
    const pids = servers.map((s) => s.pid);
    result.instances = instances;
    console.log(
      `${instances === 1 ? "server" : `${instances} server processes`} up at ${servers.map((s) => `${s.origin} (pid ${s.pid})`).join(", ")} in ${((performance.now() - t0) / 1000).toFixed(1)} s${databaseUrl ? `, DATABASE_POOL_SIZE=${options.poolSize} each` : ""}`,
    );

    // One connection per client: a client never waits for a socket, only for the server.
    // Requests go to the instance with the fewest in flight (scripts/bench/least-busy.ts).
    pool = new LeastBusy(
      servers.map((s) => s.origin),
      { connections: Math.ceil(options.clients / instances) + 4, headersTimeout: 600_000, bodyTimeout: 600_000 },
    );
    await warmUp(pool, builder);

    // Discarded: opens all the pool's connections and gets the health route's code optimized.
    // Measured cold, the first pass showed p99 ≈ 5 s (connection set-up, JIT) against ≈ 0.4 s warm.
    await runCeiling(pool, options.clients, 2);
    await warnIfBusy();
    const beforeCeiling = cpuSnapshot(pids);
    result.ceiling = await runCeiling(pool, options.clients, options.healthSeconds);
    result.ceilingCpu = cpuBetween(beforeCeiling, cpuSnapshot(pids), pids);
    console.log(`health ceiling: ${result.ceiling.perSecond.toFixed(0)} req/s`);

    let readyBeforeBurst = 0;
    if (!options.cold) {
      // A server at the minute slots open has been up for hours: its booking code is compiled and
      // optimized. A fresh process spends the first seconds of a burst in V8's compilers (11 % of
      // all CPU in a perf profile of a cold burst; after one port's warm-up, 9 % of the server's
      // CPU still went to optimizing ~240 more functions), so other ports are sold out first, the
      // same way, and not counted.
      // PGlite runs its database in the server's one thread: there the database, not V8's
      // compilers, is the limit, and a long warm-up's photo backlog would become due (the worker
      // defers re-encoding for at most a minute of rush) and share the measured burst. So only
      // two days of one port.
      const embedded = databaseUrl === "";
      for (const warmUpPort of embedded ? WARM_UP_PORTS.slice(0, 1) : WARM_UP_PORTS) {
        const warmRange = bookingRange(warmUpPort.timeZone, embedded ? 2 : undefined);
        const warmInitial = await readAvailability(pool, warmUpPort.id, warmRange);
        const warm = await runBurst({ pool, portId: warmUpPort.id, range: warmRange, clients: options.clients, initial: warmInitial, builder, photoCount: PHOTO_COUNT });
        console.log(
          `warm-up (not counted): ${warmUpPort.id} ${warmRange.from}..${warmRange.to} sold out, ${warm.bookings} bookings and ${warm.statuses.get("409 slot_full")} 409s in ${(warm.wallMs / 1000).toFixed(1)} s`,
        );
      }
      if (databaseUrl) {
        // The warm-up's photos are re-encoded as soon as it ends; left to run, that work would
        // still hold the cores when the burst starts (1.2 cores busy, seen here) and its last
        // batches would run inside it. The burst starts on a quiet server, and the figure after
        // it is then the burst's own backlog.
        const drained = await waitForPhotoBacklog(databaseUrl);
        readyBeforeBurst = drained.ready;
        console.log(`warm-up photos re-encoded (not counted): ${drained.ready} in ${drained.seconds.toFixed(1)} s; checkpoint ${await checkpoint(databaseUrl)}`);
      }
    }

    const range = bookingRange(PORT_TIME_ZONE, options.days);
    const initial = await readAvailability(pool, PORT_ID, range);
    const offered = initial.reduce((sum, s) => sum + s.remaining, 0);
    console.log(`burst: ${PORT_ID} ${range.from}..${range.to}, ${initial.length} slots, ${offered} seats offered, ${options.clients} clients booking until sold out…`);

    await warnIfBusy();
    const trace = options.trace ? [] as string[] : undefined;
    const before = cpuSnapshot(pids);
    result.burst = await runBurst({
      pool,
      portId: PORT_ID,
      range,
      clients: options.clients,
      initial,
      builder,
      photoCount: PHOTO_COUNT,
      progress: (line) => console.log(line),
      trace,
    });
    result.cpu = cpuBetween(before, cpuSnapshot(pids), pids);
    if (options.trace) writeFileSync(`${options.trace}.${databaseUrl ? "postgres" : "pglite"}`, `${trace!.join("\n")}\n`);

    result.verification = verify(initial, await readAvailability(pool, PORT_ID, range));
    if (databaseUrl) {
      const backlog = await waitForPhotoBacklog(databaseUrl);
      result.photoBacklog = backlog;
      console.log(
        `photos re-encoded in the background after the rush: ${backlog.ready - readyBeforeBurst} ready, ${backlog.unreadable} unreadable, ${backlog.pending} still pending, ${backlog.seconds.toFixed(1)} s after the burst ended`,
      );
    }
    result.serverErrors = servers.flatMap((s) => s.errorLines());
    result.failures = failuresOf(result);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await pool?.close().catch(() => undefined);
    await runCleanups(); // stops the server, then drops the bench database
  }
  printDatabaseReport(result, options.clients);
  return result;
}

/** This box may be shared (other builds, tests): say so when something else is using it. */
async function warnIfBusy(): Promise<void> {
  const load = await backgroundLoad();
  if (load !== null && load > 0.2) {
    console.log(`WARNING: the machine is already ${load.toFixed(2)} cores busy before this phase (other processes): numbers will be low`);
  }
}

/**
 * Next.js loads each route's code on its first request; without this the first requests would
 * carry that one-off cost into max latency. The bookings name a slot that does not exist: they
 * run parsing, validation and the photos' checks, and are refused before any write.
 */
async function warmUp(pool: Dispatcher, builder: MultipartBuilder): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const health = await pool.request({ method: "GET", path: "/api/health" });
    await health.body.dump();
  }
  await readAvailability(pool, PORT_ID, bookingRange(PORT_TIME_ZONE, 1));
  for (let i = 0; i < 4; i++) {
    const response = await pool.request({
      method: "POST",
      path: "/api/v1/appointments",
      headers: { "content-type": builder.contentType, "idempotency-key": `bench-warmup-${Date.now()}-${i}` },
      body: builder.build(applicationJson(PORT_ID, "bench-warmup-no-such-slot", 1 + (i % 4)), [0, 1, 2, 3].slice(0, 1 + (i % 4))),
    });
    const text = await response.body.text();
    if (response.statusCode !== 404) throw new Error(`warm-up booking: expected 404 slot_not_found, got ${response.statusCode} ${text.slice(0, 300)}`);
  }
}

runBench(main);
