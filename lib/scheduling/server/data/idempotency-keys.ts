import "server-only";
import { eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";
import { prepared } from "@/lib/server/db/prepared";
import { idempotencyKeys } from "@/lib/server/db/schema";

/** What is kept of the first request under a key: its fingerprint and its sealed response. */
export type StoredFirst = { requestHash: string; response: Buffer | null };

/** The first request stored under this key's lookup hash, if any. */
export async function readStoredFirst(keyHash: string): Promise<StoredFirst | null> {
  const [row] = await prepared(await getDb(), "find_repeat", (db, name) =>
    db.select().from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, sql.placeholder("keyHash"))).prepare(name),
  ).execute({ keyHash });
  return row ?? null;
}

export async function deleteKeysCreatedBefore(db: Executor, cutoff: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff));
}
