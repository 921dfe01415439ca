import "server-only";
import { violatedConstraint } from "@/lib/server/log/database-error-fields";
import { getDb } from "@/lib/server/db/database";
import { applicationWrite, writeValues, type ApplicationRecord } from "./application-statement";

/** Why the database refused a submission's write, when a constraint that answers a submission did. */
export type WriteRefusal = "seats_gone" | "already_booked" | "key_claimed";

/**
 * Stores a submission with one statement: null when it was stored, or the refusal. Any other
 * failure is thrown.
 */
export async function writeApplication(record: ApplicationRecord): Promise<WriteRefusal | null> {
  const db = await getDb();
  const write = applicationWrite(db, record.application.travelers.length, record.photos.length, record.seats !== null);
  try {
    // No BEGIN/COMMIT around it: one statement is its own transaction. The slot's row is then
    // locked only while PostgreSQL runs it, not until this process's busy event loop gets round to
    // sending a COMMIT, and a booking costs one round trip instead of three.
    await write.execute(db, writeValues(record));
    return null;
  } catch (error) {
    const refused = refusal(error);
    if (!refused) throw error;
    return refused;
  }
}

/** The constraints that refuse a submission, by what each one means for it. */
function refusal(error: unknown): WriteRefusal | null {
  switch (violatedConstraint(error)) {
    case "slots_booked_within_capacity":
      return "seats_gone";
    case "travelers_one_active_per_person":
      return "already_booked";
    case "idempotency_keys_pkey":
      return "key_claimed";
    default:
      return null;
  }
}

