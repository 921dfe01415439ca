import "server-only";
import type { Db } from "@/lib/server/db/connection";
import { log } from "@/lib/server/log/logger";
import { claimPendingPhotos, inTransaction, setPhotoOutcome, type PhotoOutcome } from "./data/pending-photos";
import { normalizePhoto, PhotoRejected } from "./process";

/**
 * The background re-encode of photos accepted as `pending` (lib/photos/server/process.ts acceptPhoto).
 *
 * When slots open, every core is needed for the bookings themselves; re-encoding their photos
 * (~5 ms of CPU each, 2–3 per booking) can wait a minute. So the worker runs while no booking is
 * being submitted, and during a rush that lasts longer than MAX_DEFER_MS it re-encodes one photo
 * at a time anyway, so the backlog stays bounded. Each batch is claimed with FOR UPDATE SKIP
 * LOCKED: several instances sharing one database never re-encode the same photo twice.
 */

const BATCH = 4;
const QUIET_MS = 250;
const MAX_DEFER_MS = 60_000;

type Worker = { db: Db; running: boolean; waitingSince: number | null };
type State = { worker: Worker | null; submitting: number; lastSubmission: number };

// On globalThis: Next.js loads this module once for the start-up code (instrumentation), which
// starts the worker, and again in the route's bundle, which wakes it; both must see one state.
const holder = globalThis as typeof globalThis & { __puertaPhotoWorker?: State };
const state = (holder.__puertaPhotoWorker ??= { worker: null, submitting: 0, lastSubmission: 0 });

/** Marks a booking submission in progress: the worker keeps out of its way. */
export async function asSubmission<T>(work: () => Promise<T>): Promise<T> {
  state.submitting++;
  state.lastSubmission = Date.now();
  try {
    return await work();
  } finally {
    state.submitting--;
    state.lastSubmission = Date.now();
  }
}

/**
 * Re-encodes up to `limit` pending photos in one transaction; returns how many it handled.
 *
 * A photo reaches this queue only after the booking request decoded its image data in full
 * (process.ts acceptPhoto): nothing a person sends that does not decode is ever stored. The
 * re-encode checks everything again, so a photo it finds undecodable changed in storage after it
 * was accepted, a fault of ours, not of the person's. It becomes `unreadable` (its bytes are
 * dropped, so the queue moves on), and the fault is logged as an error for the operator; the
 * appointment stands, as the person did everything asked of them, and the officer takes a
 * photo at the port.
 */
export async function reencodePendingPhotos(db: Db, limit = BATCH): Promise<number> {
  return inTransaction(db, async (tx) => {
    const rows = await claimPendingPhotos(tx, limit);
    for (const row of rows) {
      const done = await normalizePhoto(row.upload!).then(
        ({ jpeg }): PhotoOutcome => ({ status: "ready", jpeg, upload: null }),
        (error: unknown): PhotoOutcome => {
          if (!(error instanceof PhotoRejected)) throw error;
          log.error("a stored photo no longer decodes", { fields: { reason: error.reason } });
          return { status: "unreadable", jpeg: null, upload: null };
        },
      );
      await setPhotoOutcome(tx, row, done);
    }
    return rows.length;
  });
}

/** Starts the worker for this process (at server start) and runs it once for what is waiting. */
export function startPhotoWorker(db: Db): void {
  state.worker = { db, running: false, waitingSince: null };
  wakePhotoWorker();
}

/** Stops waking the worker (a batch under way finishes). */
export function stopPhotoWorker(): void {
  state.worker = null;
}

/** Called after a booking stored pending photos. A no-op where no worker was started (tests). */
export function wakePhotoWorker(): void {
  const w = state.worker;
  if (!w) return;
  w.waitingSince ??= Date.now();
  if (w.running) return;
  w.running = true;
  drain(w)
    .catch((error) => log.error("photo re-encode failed", { error }))
    .finally(() => {
      w.running = false;
    });
}

async function drain(w: Worker): Promise<void> {
  while (state.worker === w) {
    const busy = state.submitting > 0 || Date.now() - state.lastSubmission < QUIET_MS;
    const overdue = w.waitingSince !== null && Date.now() - w.waitingSince > MAX_DEFER_MS;
    if (busy && !overdue) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      continue;
    }
    // Nothing left (or what is left is another instance's): done until the next booking.
    if ((await reencodePendingPhotos(w.db, busy ? 1 : BATCH)) === 0) {
      w.waitingSince = null;
      return;
    }
  }
}
