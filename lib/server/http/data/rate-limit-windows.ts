import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";

/**
 * Counts `weight` more writes of `bucket` in the window starting at `windowStart` and answers the
 * window's count so far. One upsert in the app's database: concurrent requests cannot both read
 * "49 of 50", and the count holds across every app instance sharing it.
 *
 * Committed without waiting for the disk (synchronous_commit off for this statement's own
 * transaction only): a count lost in a database crash costs nothing, while waiting made every
 * write wait its turn behind the flush of whatever megabytes other transactions had just written
 * (a photo bomb's photos) before it was even read.
 */
export async function countHit(bucket: string, windowStart: Date, weight = 1): Promise<number> {
  const [{ hits }] = await rows<{ hits: number }>(
    await getDb(),
    sql`WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
        INSERT INTO rate_limits (bucket, window_start, hits)
        SELECT ${bucket}, ${windowStart}, ${weight} FROM relaxed
        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + ${weight}
        RETURNING hits`,
  );
  return hits;
}

/** Deletes the counts of the windows that started before `before`. */
export async function deleteWindowsBefore(db: Executor, before: Date): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limits WHERE window_start < ${before}`);
}
