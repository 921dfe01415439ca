import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/connection";
import { photos } from "@/lib/server/db/schema";

/** A photo waiting for its re-encode: the bytes as sent (metadata segments already removed). */
export type PendingPhoto = { appointmentId: string; position: number; upload: Buffer | null };

/** What the re-encode made of a photo: its re-encoded JPEG, or nothing if it could not be decoded. */
export type PhotoOutcome = { status: "ready"; jpeg: Buffer; upload: null } | { status: "unreadable"; jpeg: null; upload: null };

/** Runs `work` in one transaction: the claimed photos stay locked until it ends. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

/**
 * Claims up to `limit` pending photos for this transaction with FOR UPDATE SKIP LOCKED: several
 * instances sharing one database never re-encode the same photo twice.
 */
export async function claimPendingPhotos(tx: Tx, limit: number): Promise<PendingPhoto[]> {
  return tx
    .select({ appointmentId: photos.appointmentId, position: photos.position, upload: photos.upload })
    .from(photos)
    .where(eq(photos.status, "pending"))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/** Stores a claimed photo's outcome; its upload is dropped either way. */
export async function setPhotoOutcome(tx: Tx, photo: { appointmentId: string; position: number }, outcome: PhotoOutcome): Promise<void> {
  await tx.update(photos).set(outcome).where(and(eq(photos.appointmentId, photo.appointmentId), eq(photos.position, photo.position)));
}
