import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { onCleanup } from "./server";

/**
 * The app server's own event loop during a phase, from loop-probe.mjs inside the server process.
 * Delays are how late a ready callback ran, past the probe's 10 ms tick (an idle loop is at 0);
 * the load generator's figure (storm-generator.ts) is the whole tick interval, 10 ms when idle.
 */
export type ServerLoop = {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Share of the phase the server's main thread was busy, 0–1. */
  utilization: number;
  /** Stalls of 50 ms or more; `stalls` lists them (or the first ones), `at` in epoch ms. */
  stallCount: number;
  stalls: Stall[];
};

type Stall = { at: number; ms: number };

const PROBE = fileURLToPath(new URL("./loop-probe.mjs", import.meta.url));
// A blocked server answers the signal only when its loop is free again.
const ANSWER_TIMEOUT_MS = 15_000;

/**
 * Pass `nodeArgs` and `env` to startServer; then `take(pid)` at a phase's start (discarding the
 * result: it starts the count over) and at its end.
 */
export class ServerLoopProbe {
  readonly nodeArgs = ["--import", PROBE];
  readonly env: Record<string, string>;
  private readonly file: string;
  private seq = 0;

  constructor() {
    const dir = mkdtempSync(path.join(os.tmpdir(), "puerta-loop-"));
    this.file = path.join(dir, "loop.json");
    this.env = { BENCH_LOOP_PROBE_FILE: this.file };
    onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  }

  /** The server's loop since the previous take; null if the server did not answer in time. */
  async take(pid: number): Promise<ServerLoop | null> {
    const expected = ++this.seq;
    process.kill(pid, "SIGUSR2");
    const deadline = performance.now() + ANSWER_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (existsSync(this.file)) {
        const report = JSON.parse(readFileSync(this.file, "utf8")) as ServerLoop & { seq: number };
        if (report.seq === expected) return report;
      }
      await sleep(20);
    }
    return null;
  }
}

export function formatServerLoop(loop: ServerLoop | null): string {
  if (!loop) return "n/a (the server did not answer the probe)";
  const longest = loop.stalls.reduce((max, stall) => Math.max(max, stall.ms), 0);
  const over100 = loop.stalls.filter((stall) => stall.ms >= 100).length;
  const stalls = loop.stallCount === 0 ? "none" : `${loop.stallCount}, over 100 ms: ${over100} (longest ${longest.toFixed(0)} ms)`;
  return `p50 ${loop.p50Ms.toFixed(1)} p99 ${loop.p99Ms.toFixed(1)} max ${loop.maxMs.toFixed(0)} ms; stalls over 50 ms: ${stalls}; main thread ${(loop.utilization * 100).toFixed(0)} % busy`;
}

/** How much of [from, to] (epoch ms) the server's loop spent in the listed stalls. */
export function stalledWithin(loop: ServerLoop, from: number, to: number): number {
  return loop.stalls.reduce((sum, stall) => sum + Math.max(0, Math.min(to, stall.at + stall.ms) - Math.max(from, stall.at)), 0);
}
