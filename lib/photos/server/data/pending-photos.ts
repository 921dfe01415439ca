import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { rows, type Db, type Executor } from "@/lib/server/db/connection";
import { photos } from "@/lib/server/db/schema";

/** A pending photo a worker took: which one, which version of it, and the bytes to decode. */
export type ClaimedPhoto = { appointmentId: string; position: number; version: number; upload: Buffer };

/** What the re-encode made of a photo: its re-encoded JPEG, or nothing if it could not be decoded. */
export type PhotoOutcome = { status: "ready"; jpeg: Buffer } | { status: "unreadable"; jpeg: null };

/**
 * Takes up to `limit` pending photos nobody holds (or whose holder's lease ran out: it died) until
 * `leasedUntil`, in one statement. The rows are locked only while it runs (FOR UPDATE SKIP LOCKED
 * inside: two workers never take the same photo), not while the photos are decoded.
 */
export async function claimPendingPhotos(db: Db, limit: number, now: Date, leasedUntil: Date): Promise<ClaimedPhoto[]> {
  const taken = await rows<{ appointment_id: string; position: number; version: number; upload: Buffer | Uint8Array }>(
    db,
    sql`UPDATE photos SET leased_until = ${leasedUntil}
        WHERE (appointment_id, position) IN (
          SELECT appointment_id, position FROM photos
          WHERE status = 'pending' AND (leased_until IS NULL OR leased_until < ${now})
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING appointment_id, position, version, upload`,
  );
  return taken.map((row) => ({ appointmentId: row.appointment_id, position: row.position, version: row.version, upload: Buffer.from(row.upload) }));
}

/**
 * Stores a claimed photo's outcome, its upload dropped either way, only if the photo is still the
 * version that was decoded and still pending: a new photo sent meanwhile (or a purge) wins, and
 * this result is dropped. Answers whether it was stored.
 */
export async function setPhotoOutcome(db: Executor, photo: ClaimedPhoto, outcome: PhotoOutcome): Promise<boolean> {
  const stored = await db
    .update(photos)
    .set({ ...outcome, upload: null, leasedUntil: null })
    .where(
      and(
        eq(photos.appointmentId, photo.appointmentId),
        eq(photos.position, photo.position),
        eq(photos.version, photo.version),
        eq(photos.status, "pending"),
      ),
    )
    .returning({ position: photos.position });
  return stored.length > 0;
}

/**
 * A new photo for a traveler (any state before): pending, the next version, free for any worker
 * to take at once. Answers whether the traveler had a photo row to replace.
 */
export async function replacePhoto(db: Executor, appointmentId: string, position: number, upload: Buffer): Promise<boolean> {
  const replaced = await db
    .update(photos)
    .set({ status: "pending", upload, jpeg: null, version: sql`${photos.version} + 1`, leasedUntil: null })
    .where(and(eq(photos.appointmentId, appointmentId), eq(photos.position, position)))
    .returning({ position: photos.position });
  return replaced.length > 0;
}
