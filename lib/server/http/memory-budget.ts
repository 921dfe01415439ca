import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { AppError } from "@/lib/shared/errors/app-error";
import { ByteBudget } from "./byte-budget";

/**
 * The process's budget for request bodies held in memory (BODY_MEMORY_BUDGET_BYTES): a body's
 * bytes are taken before they are read (all of a declared Content-Length at once, else as they
 * arrive) and given back when its request has been answered, since the form is held until its
 * submission is decided. Without it, the memory a process holds would be whatever clients
 * choose to send and then stall on.
 *
 * A body that does not fit is answered `service_unavailable` with Retry-After: the phone's outbox
 * retries a 503 after Retry-After with the same sealed body and Idempotency-Key
 * (lib/offline/client/deliver.ts), and nothing of a refused request is stored, so it loses
 * nothing. A body that was taken whole up front is never refused halfway: a phone on one bar of
 * signal does not send 300 KB for nothing.
 */

/**
 * What a refused client is told to wait. A body that has arrived is held for well under a second
 * (read, decided, answered); a stalled one is dropped by server.mjs after its idle timeout
 * (lib/server/http/server-timeouts.mjs). Most of what filled the budget is gone by then.
 */
const RETRY_AFTER_SECONDS = 5;

/** One request's share of the budget. */
export class BodyHold {
  private bytes = 0;
  private released = false;

  constructor(private readonly budget: ByteBudget) {}

  /** Takes `bytes` more for this request's body, or refuses the request (503, Retry-After). */
  take(bytes: number): void {
    if (bytes <= 0) return;
    if (this.released || !this.budget.grow(this.bytes, bytes)) {
      throw new AppError("service_unavailable", { retryAfterSeconds: RETRY_AFTER_SECONDS });
    }
    this.bytes += bytes;
  }

  /** Gives everything back; once released, the hold takes nothing more. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.free(this.bytes);
    this.bytes = 0;
  }
}

// On globalThis: Next.js may load this module once per route bundle, and the budget is the
// process's, one for every route that holds a body.
const holder = globalThis as typeof globalThis & { __puertaBodyBudget?: ByteBudget };

function processBudget(): ByteBudget {
  holder.__puertaBodyBudget ??= new ByteBudget(getConfig().BODY_MEMORY_BUDGET_BYTES);
  return holder.__puertaBodyBudget;
}

/**
 * Runs `work` with a share of the budget for the request's body, given back when `work` has
 * finished, answered or failed: the body read into it is held until then.
 */
export async function withBodyBudget<T>(work: (hold: BodyHold) => Promise<T>): Promise<T> {
  const hold = new BodyHold(processBudget());
  try {
    return await work(hold);
  } finally {
    hold.release();
  }
}

/** The bytes the process's bodies hold now (all, and those of large bodies): for tests. */
export function bodyBytesHeld(): { held: number; large: number } {
  return processBudget().inUse();
}
