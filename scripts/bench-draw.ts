/**
 * Draw benchmark: `npm run bench:draw` draws a day of 80,000 requests (CBP One's daily volume)
 * over the 8 demo ports, all turned into draw ports, and prints how long the draw takes on PGlite
 * (always, in a temporary folder) and on PostgreSQL (when DATABASE_URL is set: a fresh database
 * on that server, dropped afterwards). Target: under 5 s on PostgreSQL.
 *
 * The draw runs through the runner's own functions (ensureCommitment, freezeDraw, runDraw) with
 * an explicit simulated `now` after the draw time, two ports at a time as drawTick does.
 * Setup (bulk SQL) is timed separately. Exits non-zero only when a correctness check fails
 * (overbooked slot, seats and travelers disagreeing, wrong entries, a publication that does not
 * verify), never because of the time.
 *
 * The machine may be shared: beside the wall time it prints the CPU the draw used (this process,
 * PostgreSQL) and how busy the machine was. `npm run bench:draw -- --only pglite|postgresql` runs
 * one database, e.g. under `node --cpu-prof`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/server/config/env";
import { useDatabase } from "@/lib/server/db/database";
import { openDatabase, rows, type Database, type Db } from "@/lib/server/db/connection";
import { eachWithLimit, PORTS_AT_ONCE } from "@/lib/draw/server/parallel";
import { ensureCommitment, freezeDraw, runDraw } from "@/lib/draw/server/run";
import type { DrawPublication } from "@/lib/draw/shared/publication";
import { verifyPublication } from "@/lib/draw/shared/verify";
import { drawTimes } from "@/lib/draw/shared/schedule";
import { materializeSlots, seedDemoPorts } from "@/lib/scheduling/server/seed";
import { addDays, localDate } from "@/lib/shared/time/dates";
import { cpuBetween, cpuSnapshot, type CpuShare, type CpuSnapshot } from "./bench/cpu";
import { insertRequests, insertTravelers, type RequestRange } from "./bench/draw-data";
import { createBenchDatabase, runCleanups } from "./bench/server";
import { ms, table } from "./bench/stats";

const REQUESTS = 80_000;
// Requests per port that must stay out of the draw, of each kind (see RequestRange).
const OUTSIDERS = { late: 40, cancelled: 30, stale: 30 } as const;
// The demo draw ports' settings (lib/scheduling/server/demo-ports.ts), applied to every port.
const DAILY_DRAW = { opens: "00:00", closes: "18:00", at: "19:00" };
const TARGET_MS = 5_000;

type PortRun = {
  portId: string;
  entries: number;
  expectedEntries: number;
  duplicates: number;
  expectedDuplicates: number;
  seatsOffered: number;
  seatsAllocated: number;
  requestsAllocated: number;
  commitMs: number;
  freezeMs: number;
  drawMs: number;
  verifyMs: number;
};

type DatabaseRun = {
  kind: "PGlite" | "PostgreSQL";
  setup: { label: string; ms: number }[];
  ports: PortRun[];
  drawWallMs: number;
  /** CPU used while the draws ran, in cores (see printRun). */
  cpu: CpuShare | null;
  /** PostgreSQL only: CPU seconds of the server processes serving this bench's connections. */
  ownDatabaseCpuS: number | null;
  travelers: number;
  failures: string[];
};

const since = (start: number) => performance.now() - start;

async function timed<T>(steps: { label: string; ms: number }[], label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await fn();
  steps.push({ label, ms: since(start) });
  return value;
}

async function benchDatabase(kind: DatabaseRun["kind"], open: () => Promise<Database>): Promise<DatabaseRun> {
  const config = getConfig();
  const lead = config.DRAW_LEAD_DAYS;
  const setup: { label: string; ms: number }[] = [];
  const failures: string[] = [];

  const database = await timed(setup, "open + migrate", open);
  try {
    useDatabase(database);
    const db = database.db;

    // The day drawn: slots `lead` days after today's draw. "Now" is one minute after the last
    // port's draw time (ports are in 4 zones), so every window has closed and every draw is due.
    const date = addDays(localDate(new Date(), "UTC"), lead);
    await timed(setup, "seed ports, all draw ports", async () => {
      await seedDemoPorts(db);
      await db.execute(sql`UPDATE ports SET mode = 'draw', draw_window_opens = ${DAILY_DRAW.opens},
                             draw_window_closes = ${DAILY_DRAW.closes}, draw_time = ${DAILY_DRAW.at}`);
    });
    const ports = await rows<{ id: string; time_zone: string }>(db, sql`SELECT id, time_zone FROM ports ORDER BY id`);
    const settings = (timeZone: string) => ({
      timeZone, drawWindowOpens: DAILY_DRAW.opens, drawWindowCloses: DAILY_DRAW.closes, drawTime: DAILY_DRAW.at,
    });
    const times = new Map(ports.map((p) => [p.id, drawTimes(settings(p.time_zone), date, lead)]));
    const now = new Date(Math.max(...[...times.values()].map((t) => t.drawAt.getTime())) + 60_000);
    // In every port's zone "today" is the draw's day, so `lead + 1` days of slots include `date`.
    await timed(setup, "materialize slots", () => materializeSlots(db, now, lead + 1));

    // Requests proportional to each port's seats that day, as demand follows capacity.
    const seats = await rows<{ port_id: string; seats: number }>(
      db,
      sql`SELECT port_id, sum(capacity)::int AS seats FROM slots WHERE date = ${date} GROUP BY port_id ORDER BY port_id`,
    );
    if (seats.length !== ports.length) failures.push(`${kind}: only ${seats.length} of ${ports.length} ports have slots on ${date}`);
    const totalSeats = seats.reduce((sum, s) => sum + s.seats, 0);
    const ranges: RequestRange[] = [];
    let next = 1;
    let given = 0;
    seats.forEach((s, i) => {
      // Rounded on the running total so the counts add up to exactly REQUESTS.
      const upTo = i === seats.length - 1 ? REQUESTS : Math.round((REQUESTS * (given + s.seats)) / totalSeats);
      const count = upTo - (next - 1); // entries are numbered 1..REQUESTS without gaps
      given += s.seats;
      const closesAt = times.get(s.port_id)!.closesAt;
      ranges.push({ portId: s.port_id, lo: next, hi: next + count - 1, closesAt, kind: "entry" });
      next += count;
    });
    // Outsiders after all entries, so series numbers 1..REQUESTS are exactly the entries.
    for (const s of seats) {
      for (const [outsider, count] of Object.entries(OUTSIDERS) as [RequestRange["kind"], number][]) {
        ranges.push({ portId: s.port_id, lo: next, hi: next + count - 1, closesAt: times.get(s.port_id)!.closesAt, kind: outsider });
        next += count;
      }
    }
    await timed(setup, `insert ${(next - 1).toLocaleString("en-US")} appointments`, () =>
      insertRequests(db, ranges, date, addDays(date, 1)),
    );
    await timed(setup, "insert travelers", () => insertTravelers(db, ranges));
    // A real day's tables have planner statistics (autovacuum); fresh bulk-loaded ones would not.
    await timed(setup, "analyze", () => db.execute(sql`ANALYZE`));
    const [{ travelers }] = await rows<{ travelers: number }>(db, sql`SELECT count(*)::int AS travelers FROM travelers`);

    // Expected duplicates per port: the inactive repeated travelers of waiting requests.
    const expectedDuplicates = new Map(
      (
        await rows<{ port_id: string; n: number }>(
          db,
          sql`SELECT a.port_id, count(*)::int AS n FROM travelers t JOIN appointments a ON a.id = t.appointment_id
              WHERE NOT t.active AND a.status IN ('requested', 'not_selected') GROUP BY a.port_id`,
        )
      ).map((r) => [r.port_id, r.n]),
    );

    // ---- the timed part: the draw, two ports at a time as drawTick runs them --------------------------------------------
    const results: PortRun[] = [];
    const published: DrawPublication[] = [];
    const cpuBefore = cpuSnapshot([process.pid]);
    const drawStart = performance.now();
    await eachWithLimit(ports, PORTS_AT_ONCE, async (port) => {
      const t = times.get(port.id)!;
      let start = performance.now();
      // The commitment is made while the window is open (drawTick makes it a day ahead).
      await ensureCommitment(db, port.id, date, t.opensAt);
      const commitMs = since(start);
      start = performance.now();
      const frozen = await freezeDraw(db, port.id, date, now);
      const freezeMs = since(start);
      start = performance.now();
      const outcome = await runDraw(db, port.id, date, now);
      const drawMs = since(start);
      if (!frozen) failures.push(`${kind} ${port.id}: freezeDraw did not freeze`);
      const publication = outcome.publication;
      if (!outcome.ran || !publication) {
        failures.push(`${kind} ${port.id}: runDraw did not run`);
        return;
      }
      const range = ranges.find((r) => r.portId === port.id && r.kind === "entry")!;
      results.push({
        portId: port.id,
        entries: publication.entries.length,
        expectedEntries: range.hi - range.lo + 1,
        duplicates: publication.result.excludedDuplicates.length,
        expectedDuplicates: expectedDuplicates.get(port.id) ?? 0,
        seatsOffered: publication.result.seatsOffered,
        seatsAllocated: publication.result.seatsAllocated,
        requestsAllocated: publication.result.allocations.length,
        commitMs,
        freezeMs,
        drawMs,
        verifyMs: 0,
      });
      published.push(publication);
    });
    // Ports finish in any order when two draw at once: report them in port order.
    results.sort((a, b) => a.portId.localeCompare(b.portId));
    published.sort((a, b) => a.portId.localeCompare(b.portId));
    const drawWallMs = since(drawStart);
    const cpuAfter = cpuSnapshot([process.pid]);
    const cpu = cpuBetween(cpuBefore, cpuAfter, [process.pid]);
    const ownDatabaseCpuS = kind === "PostgreSQL" ? await backendsCpu(db, cpuBefore, cpuAfter) : null;
    // Re-checked after the timed part, so neither the time nor the CPU figures include it.
    for (const [i, publication] of published.entries()) {
      results[i].verifyMs = await recheck(db, publication, failures, `${kind} ${publication.portId}`);
    }

    failures.push(...(await checkDatabase(kind, db, date, results)));
    return { kind, setup, ports: results, drawWallMs, cpu, ownDatabaseCpuS, travelers, failures };
  } finally {
    await database.close();
  }
}

/**
 * Verifies the publication against the commitment and entries hash stored before the draw, and
 * returns how long that took. Run outside the timed draw: it is pure CPU (allocate again, hash
 * the entries), i.e. about the draw's compute without the database.
 */
async function recheck(db: Db, publication: DrawPublication, failures: string[], where: string): Promise<number> {
  const [row] = await rows<{ commitment: string; entries_hash: string }>(
    db,
    sql`SELECT commitment, entries_hash FROM draws WHERE port_id = ${publication.portId} AND date = ${publication.date}`,
  );
  const start = performance.now();
  // Through JSON, as a re-checker gets it (dates and numbers as published).
  const verification = verifyPublication(JSON.parse(JSON.stringify(publication)), {
    commitment: row.commitment,
    entriesHash: row.entries_hash,
  });
  const took = since(start);
  if (!verification.ok) failures.push(`${where}: publication does not verify: ${verification.problems.join("; ")}`);
  return took;
}

/** The database after the draws must agree with the publications, seat by seat. */
async function checkDatabase(kind: string, db: Db, date: string, results: PortRun[]): Promise<string[]> {
  const failures: string[] = [];
  const [over] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM slots WHERE booked > capacity OR booked < 0`);
  if (over.n !== 0) failures.push(`${kind}: ${over.n} slots overbooked`);
  const perPort = await rows<{ port_id: string; booked: number; travelers: number; allocated: number; slots_elsewhere: number }>(
    db,
    sql`SELECT p.id AS port_id,
               (SELECT coalesce(sum(booked), 0)::int FROM slots s WHERE s.port_id = p.id AND s.date = ${date}) AS booked,
               (SELECT count(*)::int FROM travelers t JOIN appointments a ON a.id = t.appointment_id
                 WHERE a.port_id = p.id AND a.status = 'allocated') AS travelers,
               (SELECT count(*)::int FROM appointments a WHERE a.port_id = p.id AND a.status = 'allocated') AS allocated,
               (SELECT count(*)::int FROM appointments a JOIN slots s ON s.id = a.slot_id
                 WHERE a.port_id = p.id AND a.status = 'allocated' AND (s.date <> ${date} OR s.port_id <> p.id)) AS slots_elsewhere
        FROM ports p ORDER BY p.id`,
  );
  for (const r of results) {
    const db = perPort.find((p) => p.port_id === r.portId);
    const where = `${kind} ${r.portId}`;
    if (r.entries !== r.expectedEntries) failures.push(`${where}: ${r.entries} entries, expected ${r.expectedEntries}`);
    if (r.duplicates !== r.expectedDuplicates) failures.push(`${where}: ${r.duplicates} duplicates excluded, expected ${r.expectedDuplicates}`);
    if (r.seatsAllocated > r.seatsOffered) failures.push(`${where}: ${r.seatsAllocated} seats allocated of ${r.seatsOffered}`);
    if (!db) continue;
    if (db.booked !== r.seatsAllocated) failures.push(`${where}: slots say ${db.booked} booked, the draw ${r.seatsAllocated}`);
    if (db.travelers !== r.seatsAllocated) failures.push(`${where}: ${db.travelers} allocated travelers for ${r.seatsAllocated} seats`);
    if (db.allocated !== r.requestsAllocated) failures.push(`${where}: ${db.allocated} allocated requests, the draw ${r.requestsAllocated}`);
    if (db.slots_elsewhere !== 0) failures.push(`${where}: ${db.slots_elsewhere} allocations in a slot of another day or port`);
  }
  // Every entry took its result; none of the requests that had to stay out did.
  const [outcome] = await rows<{ entries_with_result: number; outsiders_with_result: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE substr(code, 6)::int <= ${REQUESTS})::int AS entries_with_result,
               count(*) FILTER (WHERE substr(code, 6)::int > ${REQUESTS})::int AS outsiders_with_result
        FROM appointments WHERE draw_entry_id IS NOT NULL`,
  );
  if (outcome.entries_with_result !== REQUESTS) failures.push(`${kind}: ${outcome.entries_with_result} of ${REQUESTS} entries took a result`);
  if (outcome.outsiders_with_result !== 0) failures.push(`${kind}: ${outcome.outsiders_with_result} requests outside the draw took a result`);
  return failures;
}

const count = (n: number) => n.toLocaleString("en-US");
const sum = (runs: PortRun[], key: keyof PortRun) => runs.reduce((total, r) => total + (r[key] as number), 0);

function printRun(run: DatabaseRun): void {
  console.log(`\n=== ${run.kind} ===`);
  console.log(`setup (not part of the draw time): ${ms(run.setup.reduce((t, s) => t + s.ms, 0))}`);
  console.log(table(run.setup.map((s) => [`  ${s.label}`, ms(s.ms)])));
  console.log(`  ${count(run.travelers)} travelers in ${count(REQUESTS)} entries (+ ${count(run.ports.length * (OUTSIDERS.late + OUTSIDERS.cancelled + OUTSIDERS.stale))} requests that must stay out)`);
  console.log("\ndraw, two ports at a time (per-port times overlap; commit = ensureCommitment, freeze = freezeDraw, draw = runDraw):");
  const header = ["port", "entries", "dups excl.", "seats offered", "allocated", "requests alloc.", "commit", "freeze", "draw", "total", "re-check (CPU)"];
  const line = (r: PortRun) => [
    r.portId, count(r.entries), count(r.duplicates), count(r.seatsOffered), count(r.seatsAllocated), count(r.requestsAllocated),
    ms(r.commitMs), ms(r.freezeMs), ms(r.drawMs), ms(r.commitMs + r.freezeMs + r.drawMs), ms(r.verifyMs),
  ];
  const total = [
    "all ports", count(sum(run.ports, "entries")), count(sum(run.ports, "duplicates")), count(sum(run.ports, "seatsOffered")),
    count(sum(run.ports, "seatsAllocated")), count(sum(run.ports, "requestsAllocated")), ms(sum(run.ports, "commitMs")),
    ms(sum(run.ports, "freezeMs")), ms(sum(run.ports, "drawMs")), ms(run.drawWallMs), ms(sum(run.ports, "verifyMs")),
  ];
  console.log(table([header, ...run.ports.map(line), total]));
  console.log(`draw wall time: ${ms(run.drawWallMs)}`);
  console.log(`CPU during the draws: ${describeCpu(run)}`);
  console.log(run.failures.length === 0 ? "checks: ok (no slot overbooked, travelers = seats, entries and duplicates as expected, publications verify)" : `checks FAILED:\n  ${run.failures.join("\n  ")}`);
}

/**
 * The CPU of the PostgreSQL backends serving this database's connections (a pool's connections
 * stay open, so they are all still there after the draws): PostgreSQL's other processes serve
 * other people on a shared server. Their shared background work (WAL writer, checkpointer) is not
 * counted.
 */
async function backendsCpu(db: Db, before: CpuSnapshot, after: CpuSnapshot): Promise<number | null> {
  if (!before || !after) return null;
  const pids = await rows<{ pid: number }>(db, sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  for (const { pid } of pids) ticks += (after.procs.get(pid)?.ticks ?? 0) - (before.procs.get(pid)?.ticks ?? 0);
  return ticks / 100; // USER_HZ
}

/**
 * The machine is shared: the wall time includes waiting for cores others use. What the draw
 * itself used — this process (all of PGlite's work, or the runner's JavaScript) and PostgreSQL's
 * processes (every database on the server, so an upper bound) — is roughly what it would take on
 * an idle machine, since the runner and its database take turns.
 */
function describeCpu(run: DatabaseRun): string {
  const cpu = run.cpu;
  if (!cpu) return "n/a (no /proc)";
  const seconds = run.drawWallMs / 1000;
  const s = (cores: number) => `${(cores * seconds).toFixed(2)} s`;
  const own = run.ownDatabaseCpuS === null ? "" : `, of which this database's connections ${run.ownDatabaseCpuS.toFixed(2)} s`;
  return (
    `this process ${s(cpu.server)}, PostgreSQL ${s(cpu.postgres)} (all its databases${own}); ` +
    `the machine was ${((cpu.busy / cpu.cores) * 100).toFixed(0)}% busy, other work ${cpu.other.toFixed(2)} of ${Math.round(cpu.cores)} cores`
  );
}

function printComparison(runs: DatabaseRun[]): void {
  console.log("\n=== comparison ===");
  const row = (label: string, value: (r: DatabaseRun) => string) => [label, ...runs.map(value)];
  console.log(
    table([
      ["", ...runs.map((r) => r.kind)],
      row("setup", (r) => ms(r.setup.reduce((t, s) => t + s.ms, 0))),
      row("freeze (all ports)", (r) => ms(sum(r.ports, "freezeMs"))),
      row("runDraw (all ports)", (r) => ms(sum(r.ports, "drawMs"))),
      row("draw wall time", (r) => ms(r.drawWallMs)),
      // PGlite runs inside this process: PostgreSQL's processes are then other people's work.
      row("CPU of the draw (this process + its PostgreSQL backends)", (r) =>
        r.cpu ? `${(r.cpu.server * r.drawWallMs / 1000 + (r.ownDatabaseCpuS ?? 0)).toFixed(2)} s` : "n/a",
      ),
      row("machine busy (other work, cores)", (r) => (r.cpu ? `${((r.cpu.busy / r.cpu.cores) * 100).toFixed(0)}% (${r.cpu.other.toFixed(2)})` : "n/a")),
      row("slowest port", (r) => {
        const slowest = [...r.ports].sort((a, b) => b.freezeMs + b.drawMs - (a.freezeMs + a.drawMs))[0];
        return slowest ? `${slowest.portId} ${ms(slowest.commitMs + slowest.freezeMs + slowest.drawMs)}` : "–";
      }),
      row("entries / seats allocated", (r) => `${count(sum(r.ports, "entries"))} / ${count(sum(r.ports, "seatsAllocated"))}`),
      row("checks", (r) => (r.failures.length === 0 ? "ok" : `${r.failures.length} failed`)),
    ]),
  );
  console.log(`\ntarget: under 5 s on PostgreSQL for ${count(REQUESTS)} requests over 8 ports`);
  const postgres = runs.find((r) => r.kind === "PostgreSQL");
  if (postgres) console.log(`PostgreSQL: ${ms(postgres.drawWallMs)} — ${postgres.drawWallMs < TARGET_MS ? "met" : "NOT met"}`);
  else console.log("PostgreSQL: not run (set DATABASE_URL to a server the bench may create a database on)");
}

/** `-- --only pglite` or `-- --only postgresql` runs one database (e.g. under a profiler). */
function onlyArgument(): "pglite" | "postgresql" | undefined {
  const i = process.argv.indexOf("--only");
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value !== "pglite" && value !== "postgresql") throw new Error("--only takes pglite or postgresql");
  return value;
}

async function main(): Promise<number> {
  const only = onlyArgument();
  // Keys (the pepper behind entry ids) are generated into a throwaway folder, not the app's.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "puerta-bench-draw-"));
  const adminUrl = process.env.DATABASE_URL || undefined;
  process.env.PUERTA_DATA_DIR = dataDir;
  // The lib must never open a database of its own: every run registers its own with useDatabase.
  delete process.env.DATABASE_URL;
  const runs: DatabaseRun[] = [];
  try {
    console.log(`bench:draw — ${count(REQUESTS)} requests over 8 ports (DRAW_LEAD_DAYS=${getConfig().DRAW_LEAD_DAYS})`);
    // PostgreSQL first: PGlite leaves a large WebAssembly heap in this process, which slowed the
    // PostgreSQL run after it by about a second (garbage collection), and PostgreSQL carries the target.
    if (adminUrl && only !== "pglite") {
      const { url, name } = await createBenchDatabase(adminUrl);
      console.log(`\n(PostgreSQL bench database ${name}, dropped afterwards)`);
      const postgres = await benchDatabase("PostgreSQL", () => openDatabase({ url, dataDir, poolSize: 4 }));
      printRun(postgres);
      runs.push(postgres);
    }
    if (only !== "postgresql") {
      const pglite = await benchDatabase("PGlite", () => openDatabase({ dataDir: path.join(dataDir, "pglite") }));
      printRun(pglite);
      runs.push(pglite);
    }
    printComparison(runs);
    return runs.some((r) => r.failures.length > 0) ? 1 : 0;
  } finally {
    await runCleanups();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(`bench:draw failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await runCleanups();
    process.exit(1);
  },
);
