import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/connection";
import {
  appointmentEvents,
  appointments,
  idempotencyKeys,
  photos,
  rateLimits,
  slots,
  travelers,
  type AppointmentStatus,
} from "@/lib/server/db/schema";

// Appointments written straight into the database, as the app would have left them in any status
// at any time, for the retention tests: booking through the API can only make them now.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The UTC calendar day `days` days after `from` (negative: before). */
export function dayFrom(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY).toISOString().slice(0, 10);
}

/** A slot of `portId` on `date`, made if missing: slots of past days too. */
async function slotOn(db: Db, portId: string, date: string): Promise<string> {
  const id = `retention-test:${portId}:${date}`;
  const startsAt = new Date(`${date}T16:00:00Z`);
  await db
    .insert(slots)
    .values({ id, portId, date, startsAt, endsAt: new Date(startsAt.getTime() + HOUR), capacity: 100, booked: 0 })
    .onConflictDoNothing();
  return id;
}

/** A stored first response under an Idempotency-Key, made at `createdAt`; answers its lookup hash. */
export async function storeResponse(db: Db, createdAt: Date): Promise<string> {
  const keyHash = randomBytes(32).toString("hex");
  // Random bytes stand in for the sealed response (names and the bearer secret, encrypted).
  await db.insert(idempotencyKeys).values({ keyHash, requestHash: randomBytes(32).toString("hex"), status: 201, response: randomBytes(400), createdAt });
  return keyHash;
}

export async function responseKept(db: Db, keyHash: string): Promise<boolean> {
  return (await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, keyHash))).length > 0;
}

/** A rate-limit window (its bucket a keyed hash of an address) starting at `windowStart`. */
export async function storeWindow(db: Db, windowStart: Date): Promise<string> {
  const bucket = randomBytes(32).toString("base64url");
  await db.insert(rateLimits).values({ bucket, windowStart, hits: 1 });
  return bucket;
}

export async function windowKept(db: Db, bucket: string): Promise<boolean> {
  return (await db.select().from(rateLimits).where(eq(rateLimits.bucket, bucket))).length > 0;
}

const WAITING: AppointmentStatus[] = ["requested", "not_selected", "allocated", "confirmed"];

type StoredAppointment = {
  status: AppointmentStatus;
  /** The slot's day; null: none (a draw request, or one that ended while waiting). */
  slotDate: string | null;
  /** When it was made, its Idempotency-Key's response stored with it. */
  madeAt: Date;
  /** When it took `status`. */
  changedAt: Date;
  portId?: string;
};

/**
 * An appointment holding everything personal one can: contact, coarse location, three travelers
 * (names, birth date, nationality, document, person key) with a photo in each state (re-encoded
 * JPEG, upload waiting for the re-encode, unreadable), its first response under an
 * Idempotency-Key, and its status history. Answers its id and the key's lookup hash.
 */
export async function storeAppointment(db: Db, a: StoredAppointment): Promise<{ id: string; keyHash: string }> {
  const id = randomUUID();
  const portId = a.portId ?? "laredo";
  const slotId = a.slotDate ? await slotOn(db, portId, a.slotDate) : null;
  await db.insert(appointments).values({
    id,
    code: `T${randomBytes(6).toString("hex").toUpperCase()}`,
    secretHash: randomBytes(32),
    status: a.status,
    portId,
    slotId,
    travelerCount: 3,
    locale: "ht",
    token: "header.payload.signature",
    contact: { phone: "+52 664 555 0101", email: "persona@example.org" },
    attestations: ["in_mexico", "information_true", "appointment_free"],
    eligibility: { inside: true, latitude: 32.5, longitude: -117, capturedAt: a.madeAt.toISOString() },
    preferredDates: slotId ? null : [],
    waitingSince: slotId ? null : a.madeAt,
    createdAt: a.madeAt,
    updatedAt: a.changedAt,
  });
  await db.insert(travelers).values(
    [0, 1, 2].map((position) => ({
      appointmentId: id,
      position,
      givenNames: `Jean ${randomBytes(4).toString("hex")}`,
      familyNames: "Pierre",
      dateOfBirth: "1988-02-03",
      sex: "M",
      nationality: "HTI",
      countryOfBirth: "HTI",
      preferredLanguage: "ht",
      document: { type: "passport", number: "HT1234567", country: "HTI" },
      personKey: randomBytes(16).toString("hex"),
      active: WAITING.includes(a.status),
    })),
  );
  await db.insert(photos).values([
    { appointmentId: id, position: 0, status: "ready", jpeg: randomBytes(64) },
    { appointmentId: id, position: 1, status: "pending", upload: randomBytes(64) },
    { appointmentId: id, position: 2, status: "unreadable" },
  ]);
  const first = slotId ? "confirmed" : "requested";
  await db.insert(appointmentEvents).values([
    { appointmentId: id, status: first, slotId, at: a.madeAt },
    ...(a.status === first ? [] : [{ appointmentId: id, status: a.status, slotId, at: a.changedAt }]),
  ]);
  return { id, keyHash: await storeResponse(db, a.madeAt) };
}

/** Everything stored about one appointment, table by table. */
export async function storedTraces(db: Db, id: string) {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  return {
    row,
    travelers: await db.select().from(travelers).where(eq(travelers.appointmentId, id)).orderBy(travelers.position),
    photos: await db.select().from(photos).where(eq(photos.appointmentId, id)).orderBy(photos.position),
    events: await db.select().from(appointmentEvents).where(eq(appointmentEvents.appointmentId, id)).orderBy(appointmentEvents.id),
  };
}
