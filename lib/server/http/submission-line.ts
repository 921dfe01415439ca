import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { fifoLimit } from "./fifo-limit";

// One line per process (see SUBMISSION_CONCURRENCY); made on first use, after the config is read.
let inLine: ReturnType<typeof fifoLimit> | undefined;

/** How long a submission waited for its turn and how long deciding it took, in milliseconds. */
export type LineTiming = { waitedMs: number; decidedMs: number };

/**
 * Runs `decide` when the submission's turn comes: at most SUBMISSION_CONCURRENCY submissions per
 * process are decided at once, first come first served, so their CPU-bound work runs a few at a
 * time instead of a hundred interleaved. Enter it once the body has been read, so a slow upload
 * holds no place in it.
 */
export function inSubmissionLine<T>(receivedAt: Date, decide: (now: Date) => Promise<T>, timing?: LineTiming): Promise<T> {
  inLine ??= fifoLimit(getConfig().SUBMISSION_CONCURRENCY);
  const queued = performance.now();
  return inLine(async () => {
    const turn = performance.now();
    // Decided as of its turn: a slot that started while the request waited is not bookable.
    const decidedAt = new Date(receivedAt.getTime() + (turn - queued));
    try {
      return await decide(decidedAt);
    } finally {
      if (timing) Object.assign(timing, { waitedMs: turn - queued, decidedMs: performance.now() - turn });
    }
  });
}
