import "server-only";
import { eq, sql } from "drizzle-orm";
import { rows, type Executor } from "@/lib/server/db/connection";
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

/**
 * Deletes the keys, and their stored responses, created before `cutoff`; answers how many went.
 * Rows another instance is deleting are skipped, not waited for (it deletes them, or the next
 * run does): two instances that scan the table from different points cannot deadlock.
 */
export async function deleteKeysCreatedBefore(db: Executor, cutoff: Date): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`WITH gone AS (
          DELETE FROM idempotency_keys WHERE key_hash IN
            (SELECT key_hash FROM idempotency_keys WHERE created_at < ${cutoff} FOR UPDATE SKIP LOCKED)
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return Number(n);
}
