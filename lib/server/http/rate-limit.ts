import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { keyedHash } from "@/lib/server/crypto/secrets";
import { getServerKeys } from "@/lib/server/crypto/keys";
import type { Executor } from "@/lib/server/db/connection";
import { AppError } from "@/lib/shared/errors/app-error";
import { clientAddress } from "./client-address";
import { countHit, deleteWindowsBefore } from "./data/rate-limit-windows";

const WINDOW_MS = 60_000;

// A write counts once per this many bytes of body it declares. The app's booking for a family of
// four is about 200 KB and counts once, as does every cancel, confirm and reschedule; a family of
// ten (~1.5 MB) counts 6. A client sending bodies at the size limit (6 MiB: 24) gets a twentieth of
// the writes: at the limit, any address makes the server read, store and flush to disk about what
// RATE_LIMIT_PER_MINUTE ordinary bookings would, not twenty times that.
const BYTES_PER_WRITE = 256 * 1024;
// A booking counts once per this many travelers too, whichever is more: each traveler is rows to
// write and a photo to decode and store, whatever the body weighs (ten lossless 42-megapixel WebPs
// fit in 0.1 MB). The app's family of four counts once.
const TRAVELERS_PER_WRITE = 4;

/**
 * Counts a client's writes per minute in the database, so the limit holds across every app
 * instance sharing it, each weighted by its declared size (BYTES_PER_WRITE). The count is one
 * upsert: concurrent requests cannot both read "49 of 50". The bucket is a keyed hash of the
 * address: no address is stored.
 */
export async function enforceWriteLimit(request: Request, now: Date): Promise<void> {
  const { RATE_LIMIT_PER_MINUTE: limit, MAX_BODY_BYTES } = getConfig();
  if (limit === 0) return;
  await countAgainstLimit(request, now, limit, writeWeight(request, MAX_BODY_BYTES));
}

async function countAgainstLimit(request: Request, now: Date, limit: number, weight: number): Promise<void> {
  const bucket = keyedHash((await getServerKeys()).pepper, `write:${clientAddress(request)}`);
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const hits = await countHit(bucket, windowStart, weight);
  if (hits <= limit) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
  throw new AppError("rate_limited", { retryAfterSeconds });
}

/**
 * Counts what a booking weighs beyond its body's size once the body is read (TRAVELERS_PER_WRITE),
 * against the same limit: the rest of its weight was counted by enforceWriteLimit before the read.
 */
export async function enforceBookingWeight(request: Request, now: Date, travelers: number): Promise<void> {
  const { RATE_LIMIT_PER_MINUTE: limit, MAX_BODY_BYTES } = getConfig();
  if (limit === 0) return;
  const more = Math.ceil(travelers / TRAVELERS_PER_WRITE) - writeWeight(request, MAX_BODY_BYTES);
  if (more > 0) await countAgainstLimit(request, now, limit, more);
}

/**
 * How many writes a request counts for: one per BYTES_PER_WRITE of its declared length, at least
 * one. A body of unknown length (chunked; the app always declares it) counts as the largest
 * allowed: declaring nothing must not be the way around the weight.
 */
function writeWeight(request: Request, maxBodyBytes: number): number {
  const declared = request.headers.get("content-length");
  const bytes = declared !== null && /^\d+$/.test(declared) ? Number(declared) : request.body ? maxBodyBytes : 0;
  return Math.max(1, Math.ceil(Math.min(bytes, maxBodyBytes) / BYTES_PER_WRITE));
}

/** Drops the counts of windows that ended over a minute ago: they no longer limit anyone. */
export async function forgetOldWindows(db: Executor, now: Date): Promise<void> {
  await deleteWindowsBefore(db, new Date(now.getTime() - 2 * WINDOW_MS));
}
