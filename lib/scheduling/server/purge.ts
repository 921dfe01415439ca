import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/lib/server/db/connection";

export type PurgeCounts = { appointments: number; idempotencyResponses: number };

/**
 * Deletes the personal data of appointments whose use is over: `retentionDays` after the
 * appointment's day, or after it was cancelled or expired. A request not selected in a draw is
 * still waiting for the next one (until it expires), so it is never purged as over. What stays is anonymous — status, port,
 * day and party size, and the status history — so the counts behind statistics survive.
 * Safe to run as often as wanted (a purged appointment has nothing left to delete) and from
 * several instances at once.
 */
export async function purgePersonalData(db: Executor, now: Date, retentionDays: number): Promise<PurgeCounts> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const cutoffDate = cutoff.toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const due = await rows<{ id: string }>(
      tx,
      sql`SELECT a.id FROM appointments a LEFT JOIN slots s ON s.id = a.slot_id
          WHERE (s.date < ${cutoffDate}::date
                 OR (a.status IN ('cancelled', 'expired') AND a.updated_at < ${cutoff}))
            AND (a.contact IS NOT NULL OR EXISTS (SELECT 1 FROM travelers t WHERE t.appointment_id = a.id)
                 OR EXISTS (SELECT 1 FROM photos p WHERE p.appointment_id = a.id))
          FOR UPDATE OF a SKIP LOCKED`,
    );
    if (due.length > 0) {
      const ids = sql.join(due.map((d) => sql`${d.id}::uuid`), sql`, `);
      await tx.execute(sql`DELETE FROM photos WHERE appointment_id IN (${ids})`);
      await tx.execute(sql`DELETE FROM travelers WHERE appointment_id IN (${ids})`);
      // The coarse location goes too: only the verdict (inside the area) is kept.
      await tx.execute(
        sql`UPDATE appointments SET contact = NULL, eligibility = jsonb_build_object('inside', eligibility->'inside')
            WHERE id IN (${ids})`,
      );
    }
    // Stored first responses hold names and the secret (encrypted); none outlives the retention.
    const responses = await rows<{ key_hash: string }>(
      tx,
      sql`DELETE FROM idempotency_keys WHERE created_at < ${cutoff} RETURNING key_hash`,
    );
    return { appointments: due.length, idempotencyResponses: responses.length };
  });
}
