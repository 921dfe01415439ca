import "server-only";
import type { Executor } from "@/lib/server/db/connection";
import { deletePersonalData, type PurgeCounts } from "./data/purge";

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
  return deletePersonalData(db, cutoff, cutoff.toISOString().slice(0, 10));
}
