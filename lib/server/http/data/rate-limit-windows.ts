import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";

/**
 * Counts `weight` more writes of `bucket` in the window starting at `windowStart` and answers the
 * window's count so far. One upsert in the app's database: concurrent requests cannot both read
 * "49 of 50", and the count holds across every app instance sharing it.
 */
export async function countHit(bucket: string, windowStart: Date, weight = 1): Promise<number> {
  const [{ hits }] = await rows<{ hits: number }>(
    await getDb(),
    sql`INSERT INTO rate_limits (bucket, window_start, hits) VALUES (${bucket}, ${windowStart}, ${weight})
        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + ${weight}
        RETURNING hits`,
  );
  return hits;
}

/** Deletes the counts of the windows that started before `before`. */
export async function deleteWindowsBefore(db: Executor, before: Date): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limits WHERE window_start < ${before}`);
}
