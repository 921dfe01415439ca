import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { keyedHash } from "@/lib/server/crypto/secrets";
import { getServerKeys } from "@/lib/server/crypto/keys";
import type { Executor } from "@/lib/server/db/connection";
import { AppError } from "@/lib/shared/errors/app-error";
import { clientAddress } from "./client-address";
import { countHit, deleteWindowsBefore } from "./data/rate-limit-windows";

const WINDOW_MS = 60_000;

/**
 * Counts a client's writes per minute in the database, so the limit holds across every app
 * instance sharing it. The count is one upsert: concurrent requests cannot both read "49 of 50".
 * The bucket is a keyed hash of the address: no address is stored.
 */
export async function enforceWriteLimit(request: Request, now: Date): Promise<void> {
  const limit = getConfig().RATE_LIMIT_PER_MINUTE;
  if (limit === 0) return;
  const bucket = keyedHash((await getServerKeys()).pepper, `write:${clientAddress(request)}`);
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const hits = await countHit(bucket, windowStart);
  if (hits <= limit) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
  throw new AppError("rate_limited", { retryAfterSeconds });
}

/** Drops the counts of windows that ended over a minute ago: they no longer limit anyone. */
export async function forgetOldWindows(db: Executor, now: Date): Promise<void> {
  await deleteWindowsBefore(db, new Date(now.getTime() - 2 * WINDOW_MS));
}
