import "server-only";
import type { Executor } from "@/lib/server/db/connection";
import { deletePersonalData, type PurgeCounts } from "./data/purge";

const DAY_MS = 86_400_000;

/**
 * Erases the personal data of appointments whose use is over: `retentionDays` after the
 * appointment's day, or after it ended (cancelled, expired, checked in). Requests still waiting
 * (`requested`, and `not_selected`, which enters the next draws) are never over until they expire.
 * Erased: contact, the location behind the eligibility verdict, travelers (names, birth dates,
 * nationalities, documents, person keys), photos, and stored first responses older than the
 * retention (names and the bearer secret). What stays is anonymous and counts for statistics:
 * status, port, slot and day, party size, language, the status history and its times.
 * Safe to run as often as wanted (a purged appointment has nothing left to erase) and from
 * several instances at once.
 */
export async function purgePersonalData(db: Executor, now: Date, retentionDays: number): Promise<PurgeCounts> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  return deletePersonalData(db, cutoff, cutoff.toISOString().slice(0, 10));
}
