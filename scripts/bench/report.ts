import type { SlotSeats } from "./availability";
import { formatCpu, type CpuShare } from "./cpu";
import type { BurstResult, CeilingResult } from "./load";
import { formatLatency, ms, rate, table } from "./stats";

const TARGET = "target (PostgreSQL, 2 cores): ≥250 bookings/s, p99 < 1 s at 200 clients, 0 oversold";
const TARGET_BOOKINGS_PER_SECOND = 250;
const TARGET_P99_MS = 1000;

export type Verification = {
  slots: number;
  seatsOffered: number;
  capacity: number;
  booked: number;
  oversold: SlotSeats[];
  unsold: SlotSeats[];
  missing: string[];
};

/** The final availability read against what was offered: every seat sold, none twice. */
export function verify(initial: SlotSeats[], final: SlotSeats[]): Verification {
  const finalById = new Map(final.map((s) => [s.id, s]));
  const inFinal = initial.map((s) => finalById.get(s.id)).filter((s): s is SlotSeats => s !== undefined);
  return {
    slots: initial.length,
    seatsOffered: initial.reduce((sum, s) => sum + s.remaining, 0),
    capacity: inFinal.reduce((sum, s) => sum + s.capacity, 0),
    booked: inFinal.reduce((sum, s) => sum + (s.capacity - s.remaining), 0),
    oversold: inFinal.filter((s) => s.remaining < 0),
    unsold: inFinal.filter((s) => s.remaining > 0),
    // A slot that vanished from availability (e.g. the run crossed midnight at the port).
    missing: initial.filter((s) => !finalById.has(s.id)).map((s) => s.id),
  };
}

export type DatabaseResult = {
  label: string;
  /** Server processes the clients were spread over. */
  instances?: number;
  /** The photos left pending by the burst, once the background re-encode caught up. */
  photoBacklog?: { seconds: number; ready: number; unreadable: number; pending: number };
  ceiling?: CeilingResult;
  burst?: BurstResult;
  verification?: Verification;
  cpu?: CpuShare | null;
  ceilingCpu?: CpuShare | null;
  serverErrors?: string[];
  error?: string;
  failures: string[];
};

/** CPU time per item, from an average core count over `seconds`. */
function perRequest(cores: number, items: number, seconds: number): string {
  return items > 0 ? ms((cores * seconds * 1000) / items) : "–";
}

function bookingsPerSecond(burst: BurstResult): number {
  return burst.bookings / (burst.sellOutMs / 1000);
}

export function printDatabaseReport(r: DatabaseResult, clients: number): void {
  const { ceiling, burst, verification: v } = r;
  console.log(`\n== ${r.label}: results`);
  if (ceiling) {
    console.log(
      `health ceiling (GET /api/health, ${clients} clients): ${rate(ceiling.perSecond)} req/s, p50 ${ms(ceiling.latency.p50)}, p99 ${ms(ceiling.latency.p99)}  [${ceiling.statuses.format()}]`,
    );
  }
  if (burst) {
    const seconds = burst.sellOutMs / 1000;
    console.log(`sold out in ${seconds.toFixed(1)} s (all clients stopped after ${(burst.wallMs / 1000).toFixed(1)} s)`);
    console.log(`bookings/s: ${rate(bookingsPerSecond(burst))}   travelers seated/s: ${rate(burst.seatsSold / seconds)}   booking requests/s: ${rate(burst.all.count / seconds)}`);
    console.log(`latency, all booking requests: ${formatLatency(burst.all.summary())}`);
    console.log(`latency, 201 only:             ${formatLatency(burst.created.summary())}`);
    console.log(`responses: ${burst.statuses.format()}   (+ ${burst.availabilityReads} availability re-reads by clients)`);
    for (const [key, body] of burst.samples) console.log(`  first ${key}: ${body}`);
    if (burst.aborted) console.log(`ABORTED: ${burst.aborted}`);
  }
  if (burst && v) {
    console.log(`seats sold (sum of 201 responses): ${burst.seatsSold}   seats offered: ${v.seatsOffered}   ${burst.seatsSold === v.seatsOffered ? "equal" : "NOT EQUAL"}`);
    console.log(`final availability: ${v.slots} slots, booked ${v.booked} of capacity ${v.capacity}${v.booked === v.capacity ? " (full everywhere)" : ""}`);
    console.log(v.oversold.length === 0 ? "oversold: 0" : `oversold: ${v.oversold.length} slots: ${v.oversold.map((s) => `${s.id} remaining ${s.remaining}`).join(", ")}`);
    if (v.unsold.length > 0) console.log(`unsold seats left in ${v.unsold.length} slots: ${v.unsold.slice(0, 10).map((s) => `${s.id} (${s.remaining})`).join(", ")}`);
    if (v.missing.length > 0) console.log(`slots gone from availability: ${v.missing.join(", ")}`);
  }
  if (ceiling && r.ceilingCpu) {
    console.log(`CPU during the health ceiling: ${formatCpu(r.ceilingCpu)}; server ${perRequest(r.ceilingCpu.server, ceiling.requests, ceiling.seconds)} CPU per health request`);
  }
  if (r.cpu !== undefined) console.log(`CPU during the burst: ${formatCpu(r.cpu)}`);
  if (burst && r.cpu) {
    const seconds = burst.wallMs / 1000;
    console.log(
      `server CPU per booking request: ${perRequest(r.cpu.server, burst.all.count, seconds)} ` +
        `(JS main thread ${perRequest(r.cpu.serverMain, burst.all.count, seconds)}, other threads ${perRequest(r.cpu.server - r.cpu.serverMain, burst.all.count, seconds)}); ` +
        `other threads per photo sent: ${perRequest(r.cpu.server - r.cpu.serverMain, burst.photosSent, seconds)} (${burst.photosSent} photos in ${burst.all.count} requests)`,
    );
  }
  if (r.serverErrors && r.serverErrors.length > 0) {
    console.log(`server log: ${r.serverErrors.length} error lines, first: ${r.serverErrors.slice(0, 3).join(" | ")}`);
  }
  if (r.error) console.log(`FAILED: ${r.error}`);
  for (const f of r.failures) console.log(`FAIL: ${f}`);
}

/** What makes the run exit non-zero: wrong seat accounting, overselling, or no result at all. */
export function failuresOf(r: DatabaseResult): string[] {
  const { burst, verification: v } = r;
  if (!burst || !v) return [];
  const failures: string[] = [];
  if (burst.seatsSold !== v.seatsOffered) failures.push(`seats sold ${burst.seatsSold} != seats offered ${v.seatsOffered}`);
  if (v.oversold.length > 0) failures.push(`${v.oversold.length} slots oversold`);
  if (v.booked !== v.capacity) failures.push(`final availability: booked ${v.booked} != capacity ${v.capacity}`);
  if (v.missing.length > 0) failures.push(`${v.missing.length} slots missing from the final availability`);
  if (burst.aborted) failures.push(`burst aborted: ${burst.aborted}`);
  // The bench's photos are all decodable: one found unreadable, or one never re-encoded, is a bug.
  if (r.photoBacklog?.pending) failures.push(`${r.photoBacklog.pending} photos still pending after ${r.photoBacklog.seconds.toFixed(0)} s`);
  if (r.photoBacklog?.unreadable) failures.push(`${r.photoBacklog.unreadable} photos found unreadable`);
  return failures;
}

export function printComparison(results: DatabaseResult[], clients: number): void {
  type Complete = DatabaseResult & { burst: BurstResult; verification: Verification };
  const column = (r: DatabaseResult, cell: (r: Complete) => string) =>
    r.burst && r.verification ? cell(r as Complete) : r.error ? "failed" : "–";
  const rows: string[][] = [
    ["", ...results.map((r) => r.label)],
    ["server processes", ...results.map((r) => String(r.instances ?? "–"))],
    ["health ceiling, req/s", ...results.map((r) => (r.ceiling ? rate(r.ceiling.perSecond) : "–"))],
    ["bookings/s", ...results.map((r) => column(r, (x) => rate(bookingsPerSecond(x.burst))))],
    ["travelers seated/s", ...results.map((r) => column(r, (x) => rate(x.burst.seatsSold / (x.burst.sellOutMs / 1000))))],
    ["booking p50 (all)", ...results.map((r) => column(r, (x) => ms(x.burst.all.summary().p50)))],
    ["booking p95 (all)", ...results.map((r) => column(r, (x) => ms(x.burst.all.summary().p95)))],
    ["booking p99 (all)", ...results.map((r) => column(r, (x) => ms(x.burst.all.summary().p99)))],
    ["booking p99 (201)", ...results.map((r) => column(r, (x) => ms(x.burst.created.summary().p99)))],
    ["booking max (all)", ...results.map((r) => column(r, (x) => ms(x.burst.all.summary().max)))],
    ["409 share of requests", ...results.map((r) => column(r, (x) => `${((1 - x.burst.bookings / x.burst.all.count) * 100).toFixed(0)} %`))],
    ["seats sold / offered", ...results.map((r) => column(r, (x) => `${x.burst.seatsSold} / ${x.verification.seatsOffered}`))],
    ["oversold slots", ...results.map((r) => column(r, (x) => String(x.verification.oversold.length)))],
    ["sold out in", ...results.map((r) => column(r, (x) => `${(x.burst.sellOutMs / 1000).toFixed(1)} s`))],
    ["photos re-encoded after", ...results.map((r) => (r.photoBacklog ? `+${r.photoBacklog.seconds.toFixed(1)} s` : "–"))],
  ];
  console.log(`\n== Summary (${clients} clients)`);
  console.log(table(rows));
  console.log(TARGET);
  const pg = results.find((r) => r.label === "PostgreSQL");
  if (pg?.burst && pg.verification) {
    const bps = bookingsPerSecond(pg.burst);
    const p99 = pg.burst.all.summary().p99;
    const ok = (cond: boolean) => (cond ? "met" : "NOT met");
    console.log(
      `PostgreSQL vs target: bookings/s ${rate(bps)} (${ok(bps >= TARGET_BOOKINGS_PER_SECOND)}), p99 ${ms(p99)} (${ok(p99 < TARGET_P99_MS)}), oversold ${pg.verification.oversold.length} (${ok(pg.verification.oversold.length === 0)})${clients === 200 ? "" : `; note: target is stated for 200 clients, this run used ${clients}`}`,
    );
  }
}
