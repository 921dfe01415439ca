import "server-only";
import type { Db, Executor } from "@/lib/server/db/connection";
import { log } from "@/lib/server/log/logger";
import { claimPendingPhotos, replacePhoto, setPhotoOutcome, type ClaimedPhoto, type PhotoOutcome } from "./data/pending-photos";
import { lowerImageThreads } from "./image-threads";
import { normalizePhoto, PhotoRejected, type AcceptedPhoto } from "./process";

/**
 * The background worker: the strict decode and the re-encode of every photo a request accepted
 * as `pending` (process.ts acceptPhoto checks only what headers tell). A photo whose image data
 * does not decode becomes `unreadable` (its bytes dropped), which the API shows as `needs_new`:
 * the person sends another (lib/scheduling/server/replace-photo.ts).
 *
 * A bounded pool, off the submission line, yielding to bookings (and its libvips threads at a
 * lower priority than the process's main thread, image-threads.ts):
 * - POOL = 2 photos at once per process, at most. Each decode is one call into libvips, which
 *   holds one of libuv's 4 threads (and, with sharp.concurrency() = 1 here, one core) for
 *   ~9 ms (the app's JPEG: the strict decode, then the re-encode) to ~0.15 s (a lossless WebP at
 *   the 2048 px cap; 0.1–0.7 s at the old 24 Mpx one, in the request). Two keep both cores
 *   busy when nobody books and leave two libuv threads to requests (web crypto, zlib, file I/O);
 *   more would only queue inside libuv, in front of them.
 * - While a booking is being submitted (or was, less than QUIET_MS ago) the worker waits: when
 *   slots open, every core is needed for the seats. After MAX_DEFER_MS of waiting it decodes one
 *   photo at a time anyway, resting as long as each took, so a backlog still shrinks during a long
 *   rush while taking at most half of one core from it.
 * - No transaction is open while a photo is decoded: a worker takes a few photos for LEASE_MS in
 *   one statement (FOR UPDATE SKIP LOCKED: several instances on one database never take the same
 *   one), decodes them, and stores each result only if the photo is still the version it decoded.
 *   A new photo sent meanwhile wins; a worker that died leaves its photos to another once the
 *   lease runs out.
 */
const POOL = 2;
const QUIET_MS = 250;
const MAX_DEFER_MS = 60_000;
/** Far beyond a decode's worst case (two libvips calls of DECODE_TIMEOUT_SECONDS each, process.ts). */
const LEASE_MS = 5 * 60_000;

type Worker = { db: Db; running: Promise<void> | null; waitingSince: number | null };
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
 * Stores a traveler's new photo (accepted by acceptPhoto) as pending in the caller's transaction;
 * call wakePhotoWorker once it is committed. Answers whether the traveler had a photo to replace.
 */
export async function storeNewPhoto(db: Executor, appointmentId: string, position: number, photo: AcceptedPhoto): Promise<boolean> {
  return replacePhoto(db, appointmentId, position, photo.bytes);
}

/** Takes up to `limit` pending photos for this worker (see LEASE_MS). */
export async function takePendingPhotos(db: Db, limit: number): Promise<ClaimedPhoto[]> {
  const now = new Date();
  return claimPendingPhotos(db, limit, now, new Date(now.getTime() + LEASE_MS));
}

/**
 * Decodes and re-encodes one taken photo and stores the outcome: `ready`, `unreadable`, or
 * `replaced` when a newer photo arrived meanwhile (this result is then dropped).
 */
export async function reencodeTakenPhoto(db: Db, photo: ClaimedPhoto): Promise<"ready" | "unreadable" | "replaced"> {
  // The decode's threads yield to the bookings and the database (image-threads.ts).
  lowerImageThreads();
  const outcome = await normalizePhoto(photo.upload).then(
    ({ jpeg }): PhotoOutcome => ({ status: "ready", jpeg }),
    (error: unknown): PhotoOutcome => {
      if (!(error instanceof PhotoRejected)) throw error;
      // The person's input, not a fault: they are asked for a new photo. Nothing names them.
      log.info("a photo's image data does not decode: a new one is asked for", { fields: { reason: error.reason } });
      return { status: "unreadable", jpeg: null };
    },
  );
  return (await setPhotoOutcome(db, photo, outcome)) ? outcome.status : "replaced";
}

/** Takes up to `limit` pending photos and handles them, POOL at a time; answers how many it took. */
export async function reencodePendingPhotos(db: Db, limit = POOL): Promise<number> {
  const taken = await takePendingPhotos(db, limit);
  let next = 0;
  const lanes = Array.from({ length: Math.min(POOL, taken.length) }, async () => {
    while (next < taken.length) await reencodeTakenPhoto(db, taken[next++]);
  });
  await Promise.all(lanes);
  return taken.length;
}

/** Starts the worker for this process (at server start) and runs it once for what is waiting. */
export function startPhotoWorker(db: Db): void {
  state.worker = { db, running: null, waitingSince: null };
  wakePhotoWorker();
}

/**
 * Stops waking the worker. Resolves once the photos under way are stored (or failed), after which
 * the database may close; a photo cut short is not lost: its lease runs out and a worker takes it
 * again.
 */
export async function stopPhotoWorker(): Promise<void> {
  const running = state.worker?.running;
  state.worker = null;
  await running;
}

/** Called after pending photos were stored. A no-op where no worker was started (tests). */
export function wakePhotoWorker(): void {
  const w = state.worker;
  if (!w) return;
  w.waitingSince ??= Date.now();
  if (w.running) return;
  w.running = drain(w)
    .catch((error) => log.error("photo re-encode failed", { error }))
    .finally(() => {
      w.running = null;
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function drain(w: Worker): Promise<void> {
  while (state.worker === w) {
    const busy = state.submitting > 0 || Date.now() - state.lastSubmission < QUIET_MS;
    const overdue = w.waitingSince !== null && Date.now() - w.waitingSince > MAX_DEFER_MS;
    if (busy && !overdue) {
      await sleep(QUIET_MS);
      continue;
    }
    const started = performance.now();
    // Nothing left (or what is left is another instance's): done until the next wake.
    if ((await reencodePendingPhotos(w.db, busy ? 1 : POOL)) === 0) {
      w.waitingSince = null;
      return;
    }
    // During a rush, as much time as the photo took goes back to the bookings.
    if (busy) await sleep(performance.now() - started);
  }
}
