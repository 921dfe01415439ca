import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/lib/server/db/connection";
import { deleteKeysCreatedBefore } from "./idempotency-keys";

export type PurgeCounts = { appointments: number; idempotencyResponses: number };

/**
 * In one transaction: the personal data of appointments whose slot's day is before `cutoffDate`,
 * or that ended (cancelled, expired — a request or a lapsed allocation, with or without a slot —
 * or checked in) before `cutoff`, and the stored first responses older than `cutoff`.
 *
 * An appointment is found while anything personal is left on it (contact, location, travelers,
 * photos): a purged one is not found again, one left half-erased (by hand, say) is until nothing
 * is left. Rows another instance is purging are skipped, not waited for: that instance erases them.
 */
export async function deletePersonalData(db: Executor, cutoff: Date, cutoffDate: string): Promise<PurgeCounts> {
  return db.transaction(async (tx) => {
    const due = await rows<{ id: string }>(
      tx,
      sql`SELECT a.id FROM appointments a LEFT JOIN slots s ON s.id = a.slot_id
          WHERE (s.date < ${cutoffDate}::date
                 OR (a.status IN ('cancelled', 'expired', 'checked_in') AND a.updated_at < ${cutoff}))
            AND (a.contact IS NOT NULL
                 OR a.eligibility - 'inside' <> '{}'::jsonb
                 OR EXISTS (SELECT 1 FROM travelers t WHERE t.appointment_id = a.id)
                 OR EXISTS (SELECT 1 FROM photos p WHERE p.appointment_id = a.id))
          FOR UPDATE OF a SKIP LOCKED`,
    );
    // Counted by what each statement really erased, not by `due`: under READ COMMITTED, a row
    // another instance purged and committed just before this lock is re-checked on its new
    // version, but the EXISTS above still reads this statement's older snapshot, so it can come
    // back here with nothing left on it. Each statement below takes a fresh snapshot.
    const erased = new Set<string>();
    if (due.length > 0) {
      const ids = sql.join(due.map((d) => sql`${d.id}::uuid`), sql`, `);
      const from = (list: { appointment_id?: string; id?: string }[]) => list.forEach((r) => erased.add(String(r.appointment_id ?? r.id)));
      // Photos in every state: the re-encoded JPEG, an upload still waiting for the re-encode.
      from(await rows(tx, sql`DELETE FROM photos WHERE appointment_id IN (${ids}) RETURNING appointment_id`));
      // Names, birth dates, nationalities, documents and the keyed person hash.
      from(await rows(tx, sql`DELETE FROM travelers WHERE appointment_id IN (${ids}) RETURNING appointment_id`));
      // The coarse location and its time go too: only the verdict (inside the area) is kept.
      from(
        await rows(
          tx,
          sql`UPDATE appointments SET contact = NULL, eligibility = jsonb_build_object('inside', eligibility->'inside')
              WHERE id IN (${ids}) AND (contact IS NOT NULL OR eligibility - 'inside' <> '{}'::jsonb)
              RETURNING id`,
        ),
      );
    }
    // Stored first responses hold names and the bearer secret (encrypted) and name no appointment:
    // each goes once older than `cutoff`. A key is stored when its appointment is made, before the
    // day, cancellation or expiry from which that appointment's retention counts.
    const idempotencyResponses = await deleteKeysCreatedBefore(tx, cutoff);
    return { appointments: erased.size, idempotencyResponses };
  });
}
