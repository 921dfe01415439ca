import "server-only";
import { lt } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/connection";
import { idempotencyKeys } from "@/lib/server/db/schema";

/** Stored first responses are kept long enough for any client's retries, then forgotten. */
export async function forgetOldIdempotencyKeys(db: Executor, now: Date, days: number): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - days * 86_400_000)));
}
