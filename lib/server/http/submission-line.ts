import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { fifoLimit } from "./fifo-limit";

// One line per process (see SUBMISSION_CONCURRENCY); made on first use, after the config is read.
let inLine: ReturnType<typeof fifoLimit> | undefined;

/**
 * Runs `decide` when the submission's turn comes: at most SUBMISSION_CONCURRENCY submissions per
 * process are decided at once, first come first served, so their CPU-bound work runs a few at a
 * time instead of a hundred interleaved. Enter it once the body has been read, so a slow upload
 * holds no place in it.
 */
export function inSubmissionLine<T>(receivedAt: Date, decide: (now: Date) => Promise<T>): Promise<T> {
  inLine ??= fifoLimit(getConfig().SUBMISSION_CONCURRENCY);
  const queued = performance.now();
  return inLine(() => {
    // Decided as of its turn: a slot that started while the request waited is not bookable.
    const decidedAt = new Date(receivedAt.getTime() + (performance.now() - queued));
    return decide(decidedAt);
  });
}
