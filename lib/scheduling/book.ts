import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config/env";
import { signAppointmentToken } from "@/lib/crypto/appointment-token";
import { getServerKeys } from "@/lib/crypto/keys";
import { hashSecret, keyedHash, newAppointmentCode, newSecret } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { sqlState, type Tx } from "@/lib/db/client";
import { appointmentEvents, appointments, idempotencyKeys, photos, slots, travelers } from "@/lib/db/schema";
import { AppError, validationFailed, type Issue } from "@/lib/errors/app-error";
import type { Locale } from "@/lib/i18n/locales";
import type { AcceptedPhoto } from "@/lib/photos/process";
import { appointmentView } from "./appointment-view";
import { findAlternatives, portWindow, type Port, type Slot } from "./data";
import { isBookable } from "./booking-window";
import { idempotencyLookupKey, openResponse, sealResponse, type StoredResponse } from "./idempotency";
import { personIdentity } from "./person-key";
import { drawDateFor } from "./draw-schedule";
import { formatInstant } from "./time";
import type { Application } from "./schema";

export type BookingRequest = {
  /** The port the application names, read once per request (ports change only with a release). */
  port: Port;
  /** First come: the slot as the pre-check read it. Its times never change; its seats are taken by one conditional write. */
  slot?: Slot;
  idempotencyKey: string;
  fingerprint: string;
  application: Application;
  /** One per traveler, in order: re-encoded, or to be re-encoded in the background. */
  photos: AcceptedPhoto[];
  eligibility: { inside: boolean; latitude: number; longitude: number; capturedAt: string };
  locale: Locale;
};

/** Thrown inside the transaction when a concurrent request with the same key got there first. */
class ConcurrentRepeat extends Error {}

/** The first response to this Idempotency-Key, if there was one; a different body is an error. */
export async function findRepeat(idempotencyKey: string, fingerprint: string): Promise<StoredResponse | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.keyHash, idempotencyLookupKey(idempotencyKey)));
  if (!row?.response) return null;
  if (row.requestHash !== fingerprint) throw new AppError("idempotency_key_reused");
  return openResponse(idempotencyKey, row.response);
}

/**
 * Books a first-come slot for a group, all seats or none, in one transaction. The seats are taken
 * by one conditional UPDATE (never check-then-insert), the one-appointment-per-person rule is a
 * partial unique index, and the Idempotency-Key row is claimed first: a concurrent repeat waits on
 * that row and then replays this response instead of booking twice.
 */
export async function bookFirstCome(request: BookingRequest, now: Date): Promise<StoredResponse> {
  return submitOnce(request, now, (port) => {
    if (port.mode === "draw") throw validationFailed([{ path: "slotId", key: "slot_not_applicable" }]);
    if (!request.application.slotId) throw validationFailed([{ path: "slotId", key: "slot_required" }]);
  }, book);
}

type Writer = (tx: Tx, request: BookingRequest, port: Port, personKeys: string[], now: Date) => Promise<StoredResponse>;

/**
 * What every submission shares: the port, the travelers' person keys (no one twice in a request),
 * one transaction that first claims the Idempotency-Key row, and — when a concurrent repeat got
 * the row first — its stored answer instead of a second write.
 */
async function submitOnce(request: BookingRequest, now: Date, check: (port: Port) => void, write: Writer): Promise<StoredResponse> {
  const db = await getDb();
  const { port } = request;
  check(port);
  const pepper = (await getServerKeys()).pepper;
  const personKeys = request.application.travelers.map((t) => keyedHash(pepper, personIdentity(t)));
  rejectDuplicateTravelers(personKeys);
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ keyHash: idempotencyLookupKey(request.idempotencyKey), requestHash: request.fingerprint, createdAt: now })
        .onConflictDoNothing()
        .returning({ keyHash: idempotencyKeys.keyHash });
      if (claimed.length === 0) throw new ConcurrentRepeat();
      return write(tx, request, port, personKeys, now);
    });
  } catch (error) {
    if (!(error instanceof ConcurrentRepeat)) throw error;
    const repeat = await findRepeat(request.idempotencyKey, request.fingerprint);
    if (!repeat) throw new AppError("internal_error");
    return repeat;
  }
}

async function book(tx: Tx, request: BookingRequest, port: Port, personKeys: string[], now: Date) {
  const { application } = request;
  const seats = application.travelers.length;

  // Read by the pre-check: a slot's times never change, and its seats are taken below by one
  // conditional write.
  const { slot } = request;
  if (!slot) throw new AppError("slot_not_found");
  if (!isBookable(slot, portWindow(port, now), now)) {
    throw new AppError("slot_closed", { details: { alternatives: await findAlternatives(tx, port, slot.startsAt, seats, now) } });
  }
  await rejectBookedTravelers(tx, personKeys);

  const code = newAppointmentCode();
  const token = await signAppointmentToken({ code, portId: port.id, slot: slotClaims(slot, port), travelers: seats }, now);
  const { appointment, secret } = await insertApplication(tx, request, personKeys, now, {
    code,
    token,
    status: "confirmed",
    portId: port.id,
    slotId: slot.id,
  });
  // The seats last: the slot's row stays locked from this write to the commit, so everything that
  // can be done before it (inserts, photos, signing) is, and rushes on one slot queue briefly.
  await takeSeats(tx, port, slot, seats, now);

  return storeFirstResponse(tx, request, {
    status: 201,
    body: { appointment: appointmentView({ appointment, slot, timeZone: port.timeZone, port, travelers: application.travelers }), secret },
  });
}

/**
 * Enters a group in the draws of a draw port: the same idempotency, one-person and photo rules as
 * a booking, but no seats are taken; the answer (202) names the draw the request enters.
 */
export async function requestDraw(request: BookingRequest, now: Date): Promise<StoredResponse> {
  return submitOnce(request, now, () => undefined, enterDraw);
}

async function enterDraw(tx: Tx, request: BookingRequest, port: Port, personKeys: string[], now: Date) {
  const { application } = request;
  const seats = application.travelers.length;
  await rejectBookedTravelers(tx, personKeys);

  const code = newAppointmentCode();
  // No slot yet: the token names code, port and party size; a new one with the slot is signed on
  // confirmation.
  const token = await signAppointmentToken({ code, portId: port.id, slot: null, travelers: seats }, now);
  const { appointment, secret } = await insertApplication(tx, request, personKeys, now, {
    code,
    token,
    status: "requested",
    portId: port.id,
    slotId: null,
    preferredDates: [...new Set(application.preferredDates ?? [])].sort(),
    waitingSince: now,
  });

  return storeFirstResponse(tx, request, {
    status: 202,
    body: { appointment: appointmentView({ appointment, slot: null, timeZone: port.timeZone, port, travelers: application.travelers }), secret },
  });
}

type Placement = Pick<
  typeof appointments.$inferInsert,
  "code" | "token" | "status" | "portId" | "slotId" | "preferredDates" | "waitingSince"
>;

/**
 * Stores an application — the appointment with a fresh secret (kept only as its hash), its
 * travelers, photos and first status event — placed as a booking or a draw request says.
 */
async function insertApplication(tx: Tx, request: BookingRequest, personKeys: string[], now: Date, placement: Placement) {
  const { application } = request;
  const secret = newSecret();
  const [appointment] = await tx
    .insert(appointments)
    .values({
      ...placement,
      secretHash: hashSecret(secret),
      travelerCount: application.travelers.length,
      locale: application.locale ?? request.locale,
      contact: application.contact && (application.contact.phone || application.contact.email) ? application.contact : null,
      attestations: application.attestations,
      eligibility: request.eligibility,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await insertTravelers(tx, appointment.id, application, personKeys);
  await tx.insert(photos).values(
    request.photos.map(({ status, bytes }, position) =>
      status === "ready" ? { appointmentId: appointment.id, position, status, jpeg: bytes } : { appointmentId: appointment.id, position, status, upload: bytes },
    ),
  );
  await tx.insert(appointmentEvents).values({ appointmentId: appointment.id, status: appointment.status, slotId: appointment.slotId, at: now });
  return { appointment, secret };
}

/** Keeps the first answer, sealed, on the claimed Idempotency-Key row: repeats get it again. */
async function storeFirstResponse(tx: Tx, request: BookingRequest, response: StoredResponse): Promise<StoredResponse> {
  await tx
    .update(idempotencyKeys)
    .set({ status: response.status, response: sealResponse(request.idempotencyKey, response) })
    .where(eq(idempotencyKeys.keyHash, idempotencyLookupKey(request.idempotencyKey)));
  return response;
}

/** The checks of a draw request that need the port: no slot, preferred dates in the window. */
export async function precheckDraw(application: Application, port: Port, now: Date): Promise<void> {
  if (port.mode !== "draw") return;
  if (application.slotId) throw validationFailed([{ path: "slotId", key: "slot_not_applicable" }]);
  const window = portWindow(port, now);
  const firstDraw = drawDateFor(port, now, getConfig().DRAW_LEAD_DAYS);
  const first = firstDraw > window.first ? firstDraw : window.first;
  const issues: Issue[] = (application.preferredDates ?? []).flatMap((date, i): Issue[] =>
    date < first || date > window.last ? [{ path: `preferredDates.${i}`, key: "invalid_date" }] : [],
  );
  if (issues.length > 0) throw validationFailed(issues);
}

async function takeSeats(tx: Tx, port: Port, slot: { id: string; startsAt: Date }, seats: number, now: Date) {
  const taken = await tx
    .update(slots)
    .set({ booked: sql`${slots.booked} + ${seats}` })
    .where(and(eq(slots.id, slot.id), sql`${slots.booked} + ${seats} <= ${slots.capacity}`))
    .returning({ id: slots.id });
  if (taken.length > 0) return;
  throw new AppError("slot_full", { details: { alternatives: await findAlternatives(tx, port, slot.startsAt, seats, now) } });
}

/**
 * A cheap read before the costly work (decoding photos): a request for a port, slot or seats that
 * plainly are not there is answered at once. Only an optimization: the transaction decides.
 */
export async function precheckFirstCome(application: Application, port: Port, now: Date): Promise<Slot> {
  const db = await getDb();
  if (!application.slotId) throw validationFailed([{ path: "slotId", key: "slot_required" }]);
  const [slot] = await db.select().from(slots).where(and(eq(slots.id, application.slotId), eq(slots.portId, port.id)));
  if (!slot) throw new AppError("slot_not_found");
  const seats = application.travelers.length;
  const alternatives = () => findAlternatives(db, port, slot.startsAt, seats, now);
  if (!isBookable(slot, portWindow(port, now), now)) throw new AppError("slot_closed", { details: { alternatives: await alternatives() } });
  if (slot.capacity - slot.booked < seats) throw new AppError("slot_full", { details: { alternatives: await alternatives() } });
  return slot;
}

function rejectDuplicateTravelers(personKeys: string[]) {
  const issues: Issue[] = personKeys.flatMap((key, i) =>
    personKeys.indexOf(key) < i ? [{ path: `travelers.${i}`, key: "duplicate_traveler" }] : [],
  );
  if (issues.length > 0) throw validationFailed(issues);
}

async function rejectBookedTravelers(tx: Tx, personKeys: string[]) {
  const booked = await tx
    .select({ personKey: travelers.personKey })
    .from(travelers)
    .where(and(eq(travelers.active, true), inArray(travelers.personKey, personKeys)));
  if (booked.length === 0) return;
  const taken = new Set(booked.map((row) => row.personKey));
  throw new AppError("traveler_already_booked", {
    issues: personKeys.flatMap((key, i) => (taken.has(key) ? [{ path: `travelers.${i}`, key: "already_booked" }] : [])),
  });
}

async function insertTravelers(tx: Tx, appointmentId: string, application: Application, personKeys: string[]) {
  // Inserted in person-key order so two concurrent bookings sharing people lock them in the same
  // order and cannot deadlock; the unique index still catches a race the check above missed.
  const rows = application.travelers
    .map((t, position) => ({
      appointmentId,
      position,
      givenNames: t.givenNames,
      familyNames: t.familyNames,
      dateOfBirth: t.dateOfBirth,
      sex: t.sex,
      nationality: t.nationality,
      countryOfBirth: t.countryOfBirth,
      preferredLanguage: t.preferredLanguage ?? null,
      document: t.document ?? null,
      personKey: personKeys[position],
      active: true,
    }))
    .sort((a, b) => (a.personKey < b.personKey ? -1 : 1));
  try {
    await tx.insert(travelers).values(rows);
  } catch (error) {
    if (sqlState(error) !== "23505") throw error;
    throw new AppError("traveler_already_booked", {
      issues: personKeys.map((_, i) => ({ path: `travelers.${i}`, key: "already_booked" })),
    });
  }
}

export function slotClaims(slot: { id: string; startsAt: Date; endsAt: Date }, port: Port) {
  return { id: slot.id, start: formatInstant(slot.startsAt, port.timeZone), end: formatInstant(slot.endsAt, port.timeZone) };
}
