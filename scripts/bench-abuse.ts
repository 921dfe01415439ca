/**
 * Abusive-client benchmark (issue 14, item 5): do six abusive clients move normal bookings' p99?
 * `npm run bench:abuse -- --help`.
 *
 * Starts the production build (`node server.mjs`) on PostgreSQL when DATABASE_URL is set (a fresh
 * database, dropped afterwards), else on the embedded PGlite, with the production rate limit and
 * one trusted proxy hop, so that every client, normal or abusive, is an address of its own. Then
 * the same steady booking traffic runs twice for a fixed time: alone, and beside six abusive
 * clients (scripts/bench/abusers.ts), which run in a process of their own
 * (scripts/bench-abuse-clients.ts), as other machines would: the load generator's event loop
 * times only the normal bookings. Prints normal bookings' latencies of both runs, the ratio of
 * their p99 against the target (at most 1.20), the load generator's own loop delay, the server's
 * own loop delay and stalls (scripts/bench/loop-probe.mjs, loaded into it) beside the slowest
 * bookings, how each abuser was answered, and the server's peak memory.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { Pool, type Dispatcher } from "undici";
import type { JWK } from "jose";
import { applicationJson } from "./bench/applicants";
import { bombPhoto, heavyPhoto, heavyPhotoCount, MAX_BODY_BYTES, multipart, seal } from "./bench/abuse-material";
import { startAbusers, type AbuserReport, type PlainMaterial } from "./bench/abuse-process";
import { backgroundLoad, cpuBetween, cpuSnapshot, formatCpu, type CpuShare } from "./bench/cpu";
import { MultipartBuilder } from "./bench/multipart";
import { waitForPhotoBacklog } from "./bench/photo-backlog";
import { makePhotos } from "./bench/photos";
import { watchRss } from "./bench/rss";
import { SeatView } from "./bench/seat-view";
import { createBenchDatabase, ensureBuild, runBench, runCleanups, startServer, type RunningServer } from "./bench/server";
import { formatServerLoop, ServerLoopProbe, stalledWithin, type ServerLoop } from "./bench/server-loop";
import { Counter, formatLatency, ms, table } from "./bench/stats";
import { runSteady, type SteadyResult } from "./bench/steady-load";
import { formatGenerator, GeneratorMeter, type GeneratorLoad } from "./bench/storm-generator";

const TARGET_RATIO = 1.2;
const PHOTO_COUNT = 6;
const ABUSED_PORT = "san-ysidro";

type Options = {
  clients: number;
  intervalMs: number;
  seconds: number;
  leadSeconds: number;
  rateLimit: number;
  poolSize: number;
  abusers: Set<string>;
  bodyBytes: number;
};

const ABUSERS = ["webp-bomb", "png-bomb", "big-bodies", "stalled-uploads", "slow-headers", "sealed-bodies"];

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "30" },
      "interval-ms": { type: "string", default: "1500" },
      seconds: { type: "string", default: "25" },
      "lead-seconds": { type: "string", default: "5" },
      "rate-limit": { type: "string", default: "120" },
      "pool-size": { type: "string", default: "20" },
      abusers: { type: "string", default: ABUSERS.join(",") },
      "body-bytes": { type: "string", default: String(MAX_BODY_BYTES) },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(`npm run bench:abuse -- [--clients N] [--interval-ms MS] [--seconds S] [--lead-seconds S] [--rate-limit N]
  --clients       normal booking clients, each an address of its own (default 30)
  --interval-ms   each normal client books once every MS (default 1500: 20 bookings/s offered at 30 clients)
  --seconds       how long each of the two runs lasts (default 25)
  --lead-seconds  how long the abusers run before the second run starts (default 5: stalled uploads in place)
  --rate-limit    the server's RATE_LIMIT_PER_MINUTE (default 120, production's; 0 = off, all abuse reaches the app)
  --pool-size     DATABASE_POOL_SIZE on PostgreSQL (default 20)
  --abusers       which of them run, comma-separated (default all six: ${ABUSERS.join(",")})
  --body-bytes    the heavy bodies' size, plain (default ${MAX_BODY_BYTES}: the server's default MAX_BODY_BYTES, the most it takes);
                  set it to a server's MAX_BODY_BYTES when comparing with one that allows more
PostgreSQL when DATABASE_URL is set (a fresh puerta_bench_* database is created and dropped), else PGlite.`);
    process.exit(0);
  }
  const unknown = (values.abusers ?? "").split(",").map((name) => name.trim()).filter((name) => name && !ABUSERS.includes(name));
  if (unknown.length > 0) throw new Error(`--abusers: no abuser named ${unknown.join(", ")} (there are ${ABUSERS.join(", ")})`);
  const whole = (name: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    clients: whole("clients", values.clients, 1, 1000),
    intervalMs: whole("interval-ms", values["interval-ms"], 50, 600_000),
    seconds: whole("seconds", values.seconds, 1, 600),
    leadSeconds: whole("lead-seconds", values["lead-seconds"], 0, 120),
    rateLimit: whole("rate-limit", values["rate-limit"], 0, 1_000_000),
    poolSize: whole("pool-size", values["pool-size"], 1, 200),
    abusers: new Set((values.abusers ?? "").split(",").map((name) => name.trim()).filter(Boolean)),
    bodyBytes: whole("body-bytes", values["body-bytes"], 1024 * 1024, 200 * 1024 * 1024),
  };
}

type Port = { id: string; timeZone: string; mode: string };
type Run = { result: SteadyResult; peakRss: number | null; cpu: CpuShare | null; generator: GeneratorLoad; serverLoop: ServerLoop | null };
// The slowest normal bookings listed with the server's stalls during each.
const SLOWEST_SHOWN = 5;
/** Ten-traveler applications made for the photo bombs: as many as the abused port has seats for. */
const BOMB_APPLICATIONS = 1000;

async function main(): Promise<number> {
  const options = parseOptions();
  ensureBuild();
  const offered = (options.clients * 1000) / options.intervalMs;
  console.log(`Puerta abusive-client benchmark: ${os.cpus().length} cores, Node ${process.version}`);
  console.log(
    `normal traffic: ${options.clients} clients, each booking every ${options.intervalMs} ms (${offered.toFixed(1)} bookings/s offered), ${options.seconds} s without abusers, then ${options.seconds} s beside ${options.abusers.size} abusive clients (${[...options.abusers].join(", ")})`,
  );

  const t0 = performance.now();
  const photos = await makePhotos(PHOTO_COUNT);
  const builder = new MultipartBuilder(photos, 4);
  const [webpBombs, pngBombs, heavy] = await Promise.all([
    Promise.all([0, 1, 2].map((v) => bombPhoto("webp", v))),
    Promise.all([0, 1, 2].map((v) => bombPhoto("png", v))),
    Promise.all(Array.from({ length: heavyPhotoCount(options.bodyBytes) }, (_, seed) => heavyPhoto(seed, options.bodyBytes))),
  ]);
  console.log(`abusers' material made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const databaseUrl = process.env.DATABASE_URL ? (await createBenchDatabase(process.env.DATABASE_URL)).url : "";
  console.log(`database: ${databaseUrl ? "PostgreSQL (a fresh bench database)" : "PGlite (DATABASE_URL not set)"}`);
  // The production rate limit, per address; the server trusts one proxy hop, so each client's
  // X-Forwarded-For is its address (server.mjs, lib/server/http/forwarded-for.mjs).
  const loopProbe = new ServerLoopProbe();
  const server = await startServer({
    databaseUrl,
    poolSize: options.poolSize,
    env: { RATE_LIMIT_PER_MINUTE: String(options.rateLimit), TRUST_PROXY_HOPS: "1", ...loopProbe.env },
    nodeArgs: loopProbe.nodeArgs,
  });
  console.log(`server up at ${server.origin} (pid ${server.pid}), RATE_LIMIT_PER_MINUTE=${options.rateLimit}, TRUST_PROXY_HOPS=1`);

  const pool = new Pool(server.origin, { connections: options.clients + 4, headersTimeout: 180_000, bodyTimeout: 180_000 });
  try {
    const ports = (await getJson<{ ports: Port[] }>(pool, "/api/v1/ports")).ports.filter((p) => p.mode === "first-come");
    const view = await SeatView.read(pool, ports);
    const normalPorts = new Set(ports.map((p) => p.id).filter((id) => id !== ABUSED_PORT));
    const abusedPorts = new Set([ABUSED_PORT]);
    console.log(`seats: ${view.seats(normalPorts)} at ${[...normalPorts].join(", ")} for normal clients; ${view.seats(abusedPorts)} at ${ABUSED_PORT} for the photo bombs`);

    const material = await abuseMaterial(pool, view, abusedPorts, webpBombs, pngBombs, heavy, options.bodyBytes);
    const meter = new GeneratorMeter();
    const steady = (seconds: number) =>
      runSteady({
        pool,
        clients: options.clients,
        intervalMs: options.intervalMs,
        seconds,
        builder,
        photoCount: PHOTO_COUNT,
        view,
        portIds: normalPorts,
        addressOf: (i) => `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      });

    // Loads the routes' code and gets it optimized, as on a server that has been up for a while.
    const warm = await steady(5);
    console.log(`warm-up (not counted): ${warm.all.count} bookings, ${warm.statuses.format()}`);
    await settle(databaseUrl);

    await warnIfBusy();
    const alone = await measured(server, meter, loopProbe, [], () => steady(options.seconds));
    console.log(`without abusers: ${formatLatency(alone.result.all.summary())}; ${alone.result.statuses.format()}`);
    await settle(databaseUrl);

    const running = await startAbusers({ origin: server.origin, port: Number(new URL(server.origin).port) }, [...options.abusers], material);
    await sleep(options.leadSeconds * 1000);
    const beside = await measured(server, meter, loopProbe, [running.pid], () => steady(options.seconds));
    console.log(`with the abusers: ${formatLatency(beside.result.all.summary())}; ${beside.result.statuses.format()}`);
    const abusers = await running.stop();
    meter.close();

    return report(options, alone, beside, abusers, server);
  } finally {
    await pool.close().catch(() => undefined);
    await runCleanups();
  }
}

async function getJson<T>(pool: Dispatcher, path: string): Promise<T> {
  const { statusCode, body } = await pool.request({ method: "GET", path });
  const text = await body.text();
  if (statusCode !== 200) throw new Error(`GET ${path}: HTTP ${statusCode} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

async function abuseMaterial(
  pool: Dispatcher,
  view: SeatView,
  abusedPorts: Set<string>,
  webpBombs: Buffer[],
  pngBombs: Buffer[],
  heavy: Buffer[],
  bodyBytes: number,
): Promise<PlainMaterial> {
  const noSlot = (travelers: number) => applicationJson(ABUSED_PORT, `${ABUSED_PORT}-no-such-slot`, travelers);
  // As large as the server takes (--body-bytes); sealed, the same plaintext (its sealed size is
  // within the sealed limit, 4/3 of it and a little more).
  const heavyBody = multipart(noSlot(heavy.length), heavy, ["image/png"]);
  if (heavyBody.body.length > bodyBytes) throw new Error(`the heavy body is ${heavyBody.body.length} bytes, over --body-bytes ${bodyBytes}`);
  const keys = await getJson<{ keys: JWK[] }>(pool, "/api/v1/keys");
  const sealingKey = keys.keys.find((k) => k.use === "enc");
  if (!sealingKey) throw new Error("GET /api/v1/keys: no sealing key");
  const sealed = await seal(heavyBody.body, heavyBody.contentType, sealingKey);
  const tenTravelers: string[] = [];
  for (let i = 0; i < BOMB_APPLICATIONS; i++) {
    const slot = view.take(10, abusedPorts);
    if (!slot) break;
    tenTravelers.push(applicationJson(slot.portId, slot.id, 10));
  }
  return {
    tenTravelers,
    noSlotTen: noSlot(10),
    webpBombs,
    pngBombs,
    heavyBody,
    sealedHeavyBody: { body: sealed, contentType: "application/jose" },
    sealedPlainBytes: heavyBody.body.length,
  };
}

/** Runs `work` while watching the server's memory and event loop, the machine's CPU and the load generator's own loop. */
async function measured(
  server: RunningServer,
  meter: GeneratorMeter,
  loopProbe: ServerLoopProbe,
  abuserPids: number[],
  work: () => Promise<SteadyResult>,
): Promise<Run> {
  await loopProbe.take(server.pid);
  const rss = watchRss(server.pid);
  const before = cpuSnapshot([server.pid]);
  meter.start();
  const result = await work();
  const generator = meter.read();
  const cpu = cpuBetween(before, cpuSnapshot([server.pid]), [server.pid], abuserPids);
  const serverLoop = await loopProbe.take(server.pid);
  return { result, peakRss: rss.stop(), cpu, generator, serverLoop };
}

/** Lets the background photo re-encode of the bookings so far finish, so each run starts as quiet as the other. */
async function settle(databaseUrl: string): Promise<void> {
  if (databaseUrl) await waitForPhotoBacklog(databaseUrl, 30_000);
  else await sleep(3000);
}

async function warnIfBusy(): Promise<void> {
  const load = await backgroundLoad();
  if (load !== null && load > 0.2) console.log(`WARNING: the machine is already ${load.toFixed(2)} cores busy (other processes): numbers will be noisy`);
}

function report(options: Options, alone: Run, beside: Run, abusers: AbuserReport[], server: RunningServer): number {
  const a = alone.result.all.summary();
  const b = beside.result.all.summary();
  const mb = (bytes: number | null) => (bytes === null ? "n/a" : `${(bytes / 1024 / 1024).toFixed(0)} MiB`);
  console.log(`\n== Normal bookings (${options.clients} clients, ${((options.clients * 1000) / options.intervalMs).toFixed(1)} bookings/s offered, ${options.seconds} s each run)`);
  const row = (label: string, run: Run) => {
    const s = run.result.all.summary();
    const created = run.result.created.summary();
    return [label, String(s.count), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), String(created.count), mb(run.peakRss)];
  };
  console.log(table([["", "requests", "p50", "p95", "p99", "max", "201s", "server peak RSS"], row("without abusers", alone), row(`with ${abusers.length} abusers`, beside)]));
  const ratio = b.p99 / a.p99;
  const met = ratio <= TARGET_RATIO;
  console.log(`p99 with / without abusers: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO.toFixed(2)}): ${met ? "met" : "NOT met"}`);
  console.log(`  answers without: ${alone.result.statuses.format()}`);
  console.log(`  answers with:    ${beside.result.statuses.format()}`);
  const refused = beside.result.statuses.get("503 service_unavailable");
  if (refused > 0) console.log(`  ${refused} normal bookings were answered 503 (the phone's outbox sends them again after Retry-After)`);
  console.log(`  CPU without: ${formatCpu(alone.cpu)}`);
  console.log(`  CPU with:    ${formatCpu(beside.cpu)}`);
  console.log(`  load generator without: ${formatGenerator(alone.generator)}`);
  console.log(`  load generator with:    ${formatGenerator(beside.generator)}`);
  console.log(`  server loop delay without: ${formatServerLoop(alone.serverLoop)}`);
  console.log(`  server loop delay with:    ${formatServerLoop(beside.serverLoop)}`);
  printSlowest(beside);

  console.log(`\n== The abusers (rate limit ${options.rateLimit ? `${options.rateLimit} writes a minute per address` : "off"})`);
  for (const abuser of abusers) {
    const outcomes = new Counter();
    for (const [answer, n] of abuser.counts) outcomes.add(answer, n);
    console.log(`${abuser.name} (${abuser.address}): ${abuser.what}`);
    console.log(`    ${outcomes.format() || "no answer yet"}`);
    for (const [answer, held] of abuser.held) {
      console.log(`    ${answer}: the socket lived p50 ${held.p50.toFixed(1)} s, max ${held.max.toFixed(1)} s`);
    }
  }
  const bare503 = abusers.reduce((sum, abuser) => sum + abuser.counts.filter(([k]) => k.includes("WITHOUT")).reduce((s, [, n]) => s + n, 0), 0);
  const all503 = abusers.reduce((sum, abuser) => sum + abuser.counts.filter(([k]) => k.startsWith("503")).reduce((s, [, n]) => s + n, 0), 0);
  if (all503 > 0) console.log(`503 answers over HTTP: ${all503 - bare503} of ${all503} with Retry-After, X-Content-Type-Options and the API's CSP`);
  console.log(`\n${serverLogSummary(server)}`);
  return met && bare503 === 0 ? 0 : 1;
}

/** The slowest bookings of a run, when each was sent in the run and how long the server's loop stalled during it. */
function printSlowest(run: Run): void {
  const slowest = [...run.result.bookings].sort((x, y) => y.ms - x.ms).slice(0, SLOWEST_SHOWN);
  console.log(`  slowest normal bookings with the abusers (sent at s into the run; server stalls of 50 ms or more while in flight):`);
  for (const booking of slowest) {
    const stalled = run.serverLoop ? `${stalledWithin(run.serverLoop, booking.at, booking.at + booking.ms).toFixed(0)} ms stalled` : "stalls n/a";
    const sent = ((booking.at - run.result.startedAt) / 1000).toFixed(2);
    const phases = booking.serverTiming ? `; server: ${booking.serverTiming.replaceAll(";dur=", " ")} ms` : "";
    console.log(`    +${sent} s: ${ms(booking.ms)}, ${booking.status || "network error"}, ${stalled}${phases}`);
  }
}

/** What the server logged as errors, by message and code: never more (lib/server/log keeps persons out of it). */
function serverLogSummary(server: RunningServer): string {
  const counts = new Map<string, number>();
  for (const line of readFileSync(server.logFile, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { level?: string | number; msg?: string; err?: { code?: string; class?: string } };
      if (entry.level !== "error" && entry.level !== 50) continue;
      const key = `${entry.msg} (${entry.err?.code ?? entry.err?.class ?? "?"})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // not a log record
    }
  }
  if (counts.size === 0) return "server log: no errors";
  return `server log, errors: ${[...counts].map(([k, n]) => `${k}: ${n}`).join(", ")}`;
}

runBench(main);
