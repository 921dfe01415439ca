import { formatCpu } from "./cpu";
import type { CeilingResult } from "./load";
import { failuresOf } from "./report";
import { Counter, formatLatency, ms, rate, table } from "./stats";
import { formatGenerator, SATURATED } from "./storm-generator";
import type { Measured, SellOut, Settled, Storm } from "./storm-phases";
import type { PollCrowd, PollWindow } from "./storm-pollers";

// Issue 14's targets for the storm on PostgreSQL, one server process per core.
const TARGET_AVAILABILITY_SHARE = 0.8;
const TARGET_BOOKINGS_PER_SECOND = 250;
const TARGET_P99_MS = 1000;

export type StormResult = {
  instances: number;
  pollers: number;
  bookers: number;
  pollPath: string;
  thinkMs: number;
  ceiling?: CeilingResult & Measured;
  baseline?: SellOut & Settled;
  storm?: Storm & Settled;
  /** Booking answers of the uncounted warm-up bursts: a 5xx there fails the run too. */
  warmUp: Counter;
  crowd?: PollCrowd;
  serverErrors: string[];
  error?: string;
};

const bookingsPerSecond = (s: SellOut) => s.window.bookings / s.window.seconds;
const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

const bytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} KB`);

function statusLine(window: PollWindow): string {
  const each = window.requests ? `${(window.bytes / window.requests / 1024).toFixed(1)} KB` : "–";
  return `[${window.statuses.format()}], ${bytes(window.bytes)} of bodies (${each} each on average)`;
}

export function printStormReport(r: StormResult): void {
  const { ceiling, baseline, storm } = r;
  console.log(`\n== Results: ${r.instances} server processes on PostgreSQL, ${r.pollers} pollers, ${r.bookers} bookers`);
  console.log(`pollers ask GET ${r.pollPath}, ${r.thinkMs > 0 ? `then wait ${r.thinkMs} ms ±50 %` : "again as soon as answered (worst case)"}`);
  const headers = r.crowd?.firstHeaders;
  if (headers) {
    console.log(
      `the server's availability answer: ETag ${headers.etag ? "yes" : "none"}, Cache-Control ${headers.cacheControl ?? "none"}, Content-Encoding ${headers.contentEncoding ?? "none"}`,
    );
  }

  console.log("\n-- availability beside the health ceiling (same connection count)");
  if (ceiling) {
    console.log(`health ceiling:            ${rate(ceiling.perSecond).padStart(6)} req/s   p50 ${ms(ceiling.latency.p50)}  p99 ${ms(ceiling.latency.p99)}  [${ceiling.statuses.format()}]`);
  }
  if (storm) {
    const alone = storm.pollOnly;
    const during = storm.polls;
    const share = (w: PollWindow) => (ceiling ? ` = ${percent(w.perSecond / ceiling.perSecond)} of the ceiling` : "");
    console.log(`availability, pollers alone: ${rate(alone.perSecond).padStart(4)} req/s${share(alone)}   p50 ${ms(alone.latency.p50)}  p99 ${ms(alone.latency.p99)}  ${statusLine(alone)}`);
    console.log(`availability, during storm:  ${rate(during.perSecond).padStart(4)} req/s${share(during)}   p50 ${ms(during.latency.p50)}  p99 ${ms(during.latency.p99)}  ${statusLine(during)}`);
  }

  console.log("\n-- bookings: alone (bench:booking's burst) beside during the storm");
  const sells = [baseline, storm].filter((s): s is (SellOut & Settled) => s !== undefined);
  if (sells.length > 0) {
    const cells = (f: (s: SellOut & Settled) => string) => [baseline ? f(baseline) : "–", storm ? f(storm) : "–"];
    console.log(
      table([
        ["", "alone", `with ${r.pollers} pollers`],
        ["San Ysidro days", ...cells((s) => `${s.range.from}..${s.range.to}`)],
        ["seats offered", ...cells((s) => String(s.verification.seatsOffered))],
        ["bookings/s", ...cells((s) => rate(bookingsPerSecond(s)))],
        ["travelers seated/s", ...cells((s) => rate(s.window.seats / s.window.seconds))],
        ["booking p50 (all)", ...cells((s) => ms(s.window.all.p50))],
        ["booking p99 (all)", ...cells((s) => ms(s.window.all.p99))],
        ["booking p99 (201)", ...cells((s) => ms(s.window.created.p99))],
        ["booking max (all)", ...cells((s) => ms(s.window.all.max))],
        ["409 share of requests", ...cells((s) => percent(1 - s.window.bookings / s.window.all.count))],
        ["sold out in", ...cells((s) => (s.window.cutAtMs === undefined ? `${(s.burst.sellOutMs / 1000).toFixed(1)} s` : `not in ${(s.window.cutAtMs / 1000).toFixed(0)} s`))],
        ["seats sold / offered", ...cells((s) => `${s.burst.seatsSold} / ${s.verification.seatsOffered}`)],
        ["oversold slots (database)", ...cells((s) => String(s.verification.oversold.length))],
        ["photos re-encoded after", ...cells((s) => `+${s.photoBacklog.seconds.toFixed(1)} s`)],
      ]),
    );
    for (const [label, s] of [["alone", baseline], ["storm", storm]] as const) {
      if (!s) continue;
      console.log(`${label}: latency, all booking requests: ${formatLatency(s.window.all)}`);
      if (s.window.cutAtMs !== undefined) {
        console.log(
          `${label}: CUT SHORT: ${s.window.seats} of ${s.verification.seatsOffered} seats sold in the ${(s.window.cutAtMs / 1000).toFixed(0)} s the crowd polled (the figures above); the rest sold alone by ${(s.burst.sellOutMs / 1000).toFixed(0)} s`,
        );
      }
      console.log(`${label}: responses, whole burst: ${s.burst.statuses.format()} (+ ${s.burst.availabilityReads} availability re-reads by bookers)`);
      for (const [key, body] of s.burst.samples) console.log(`  first ${key}: ${body}`);
      for (const d of s.seats.counterDrift.slice(0, 5)) console.log(`  slot ${d.id}: booked counter ${d.booked}, appointments hold ${d.seated}`);
    }
  }

  console.log("\n-- errors by status");
  const polls = r.crowd?.allStatuses();
  console.log(`polls (the storm's crowd, alone and during): ${polls ? polls.format() : "–"}`);
  for (const [key, body] of r.crowd?.samples ?? []) console.log(`  first ${key}: ${body}`);
  console.log(`health ceiling: ${ceiling?.statuses.format() ?? "–"}`);
  console.log(`bookings, warm-up (not counted): ${r.warmUp.format() || "–"}`);
  if (r.serverErrors.length > 0) console.log(`server logs: ${r.serverErrors.length} error lines, first: ${r.serverErrors.slice(0, 3).join(" | ")}`);

  console.log("\n-- where the CPU went (servers, PostgreSQL, this load generator)");
  const phases: [string, Measured | undefined][] = [
    ["health ceiling", ceiling],
    ["bookings alone", baseline],
    ["pollers alone", storm?.pollOnly],
    ["storm", storm],
  ];
  for (const [label, m] of phases) {
    if (!m) continue;
    console.log(`${label.padEnd(15)} ${formatCpu(m.cpu)}`);
    console.log(`${"".padEnd(15)} load generator: ${formatGenerator(m.generator)}`);
  }
  const saturated = phases.filter(([, m]) => m && m.generator.utilization >= SATURATED).map(([label]) => label);
  console.log(
    saturated.length > 0
      ? `NOTE: the load generator's thread was saturated in: ${saturated.join(", ")}. Those phases measured the bench as much as the servers.`
      : `the load generator's thread stayed below ${percent(SATURATED)} busy in every phase: the figures are the servers'.`,
  );

  console.log("\n-- targets (issue 14; PostgreSQL, one process per core; decided by the machine, not failed on)");
  if (storm && ceiling) {
    const share = storm.polls.perSecond / ceiling.perSecond;
    console.log(`${verdict(share >= TARGET_AVAILABILITY_SHARE)}  availability during the storm ${rate(storm.polls.perSecond)} req/s = ${percent(share)} of the health ceiling ${rate(ceiling.perSecond)} (target ≥ ${percent(TARGET_AVAILABILITY_SHARE)})`);
  }
  if (storm) {
    const bps = bookingsPerSecond(storm);
    const p99 = storm.window.all.p99;
    const against = baseline ? ` (alone: ${rate(bookingsPerSecond(baseline))})` : "";
    const p99Against = baseline ? ` (alone: ${ms(baseline.window.all.p99)})` : "";
    console.log(`${verdict(bps >= TARGET_BOOKINGS_PER_SECOND)}  bookings during the storm ${rate(bps)}/s${against} (target ≥ ${TARGET_BOOKINGS_PER_SECOND}/s)`);
    console.log(`${verdict(p99 < TARGET_P99_MS)}  booking p99 during the storm ${ms(p99)}${p99Against} (target < ${ms(TARGET_P99_MS)})`);
    if (r.pollers !== 1000 || r.bookers !== 200) {
      console.log(`note: the targets are stated for 1,000 pollers and 200 bookers; this run used ${r.pollers} and ${r.bookers}`);
    }
  }
  const oversold = sells.reduce((sum, s) => sum + s.verification.oversold.length, 0);
  console.log(`oversold slots: ${oversold}${sells.length < 2 ? " (incomplete run)" : ""}`);
}

/** What makes the run exit non-zero: a seat sold twice or lost, any 5xx or broken connection, no result. */
export function stormFailures(r: StormResult): string[] {
  const failures: string[] = [];
  if (r.error) failures.push(r.error);
  for (const [label, s] of [["bookings alone", r.baseline], ["storm", r.storm]] as const) {
    if (!s) continue;
    const accounting = failuresOf({ label, failures: [], burst: s.burst, verification: s.verification, photoBacklog: s.photoBacklog });
    failures.push(...accounting.map((f) => `${label}: ${f}`));
    if (s.seats.counterDrift.length > 0) failures.push(`${label}: ${s.seats.counterDrift.length} slots whose booked counter disagrees with their appointments`);
  }
  const broken = (counter: Counter | undefined) =>
    [...(counter?.counts.entries() ?? [])].filter(([key]) => /\b5\d\d\b/.test(key) || key.endsWith("network error")).map(([key, n]) => `${key} ×${n}`);
  const sources: [string, Counter | undefined][] = [
    ["polls", r.crowd?.allStatuses()],
    ["health ceiling", r.ceiling?.statuses],
    ["warm-up bookings", r.warmUp],
    ["bookings alone", r.baseline?.burst.statuses],
    ["storm bookings", r.storm?.burst.statuses],
  ];
  for (const [label, counter] of sources) {
    const bad = broken(counter);
    if (bad.length > 0) failures.push(`${label}: ${bad.join(", ")}`);
  }
  return failures;
}
