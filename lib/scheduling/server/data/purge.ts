import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/lib/server/db/connection";

export type PurgeCounts = { appointments: number; idempotencyResponses: number };

/**
 * In one transaction: the personal data of appointments whose slot's day is before `cutoffDate`,
 * or that were cancelled or expired before `cutoff`, and the stored first responses older than
 * `cutoff`. A purged appointment has nothing left to delete, so it is not found again; rows
 * another instance is purging are skipped, not waited for.
 */
export async function deletePersonalData(db: Executor, cutoff: Date, cutoffDate: string): Promise<PurgeCounts> {
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
