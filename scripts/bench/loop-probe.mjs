/**
 * Loaded into the app server under test by bench:abuse (`node --import`, see server-loop.ts),
 * never in production: it watches the server's own event loop, which no client can see. A slow
 * booking either waited for this thread (busy running something else: a stall here) or waited
 * elsewhere (the database, the submission line), while the thread was free and this sees nothing.
 *
 * On SIGUSR2 it writes what it saw since the previous SIGUSR2 to the file named by
 * BENCH_LOOP_PROBE_FILE and starts over: the bench signals at each phase's start and end. Plain
 * JavaScript because Node.js loads it before any TypeScript loader.
 */
import { renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const TICK_MS = 10;
// Stalls at least this long are listed one by one, with their start, to be matched with requests.
const STALL_MS = 50;
// A server stuck in a loop of stalls must not grow this list without end.
const MAX_STALLS = 5000;

const file = process.env.BENCH_LOOP_PROBE_FILE;
if (file) watch(file);

function watch(file) {
  // libuv's timer, sampled in C++: the distribution of how late a ready callback runs.
  const delay = monitorEventLoopDelay({ resolution: TICK_MS });
  delay.enable();
  let since = performance.now();
  let elu = performance.eventLoopUtilization();
  let stalls = [];
  let stallCount = 0;
  let seq = 0;

  // The histogram has no timestamps: this JavaScript tick says when each long stall began (the
  // tick that came late was due then), in wall-clock time, which the bench's process shares.
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late >= STALL_MS) {
      stallCount++;
      if (stalls.length < MAX_STALLS) stalls.push({ at: performance.timeOrigin + last + TICK_MS, ms: late });
    }
    last = now;
  }, TICK_MS).unref();

  // The histogram's values are whole tick intervals: what is past the tick is the lateness.
  const lateMs = (ns) => Math.max(0, ns / 1e6 - TICK_MS);

  process.on("SIGUSR2", () => {
    seq++;
    const report = {
      seq,
      seconds: (performance.now() - since) / 1000,
      p50Ms: lateMs(delay.percentile(50)),
      p99Ms: lateMs(delay.percentile(99)),
      maxMs: lateMs(delay.max),
      utilization: performance.eventLoopUtilization(elu).utilization,
      stallCount,
      stalls,
    };
    // Whole or not at all: the bench polls the file and must never read half of it.
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
    delay.reset();
    since = performance.now();
    elu = performance.eventLoopUtilization();
    stalls = [];
    stallCount = 0;
  });
}
