import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getConfig } from "@/lib/server/config/env";
import { signAppointmentToken } from "./appointment-token";
import { getServerKeys } from "@/lib/server/crypto/keys";
import { hashSecret, keyedHash, newAppointmentCode, newSecret } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/database";
import { prepared, preparedStatement } from "@/lib/server/db/prepared";
import { violatedConstraint, type Db, type Executor } from "@/lib/server/db/connection";
import { appointmentEvents, appointments, idempotencyKeys, photos, ports, slots, travelers } from "@/lib/server/db/schema";
import { AppError, validationFailed, type Issue } from "@/lib/shared/errors/app-error";
import type { Locale } from "@/lib/shared/i18n/locales";
import type { AcceptedPhoto } from "@/lib/photos/server/process";
import { appointmentView } from "./appointment-view";
import { findAlternatives, portWindow, type Port, type Slot } from "./data";
import { isBookable } from "./booking-window";
import { idempotencyLookupKey, openResponse, sealResponse, type StoredResponse } from "./idempotency";
import { personIdentity } from "./person-key";
import { drawDateFor } from "@/lib/draw/shared/schedule";
import { formatInstant } from "@/lib/shared/time/dates";
import type { Application } from "@/lib/shared/schemas/application";

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

type StoredFirst = { requestHash: string; response: Buffer | null };

/**
 * The first response to this Idempotency-Key, if there was one; a different body is an error.
 * `fingerprint` is asked for only when there was one: hashing the photos costs more than the lookup.
 */
export async function findRepeat(idempotencyKey: string, fingerprint: string | (() => string)): Promise<StoredResponse | null> {
  const [row] = await prepared(await getDb(), "find_repeat", (db, name) =>
    db.select().from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, sql.placeholder("keyHash"))).prepare(name),
  ).execute({ keyHash: idempotencyLookupKey(idempotencyKey) });
  return replay(row ?? null, idempotencyKey, fingerprint);
}

function replay(row: StoredFirst | null, idempotencyKey: string, fingerprint: string | (() => string)): StoredResponse | null {
  if (!row?.response) return null;
  if (row.requestHash !== (typeof fingerprint === "string" ? fingerprint : fingerprint())) throw new AppError("idempotency_key_reused");
  return openResponse(idempotencyKey, row.response);
}

/**
 * What a submission reads before deciding, in one query and so in one snapshot: the port, the slot
 * it names (null when absent or not this port's), and the first response to its Idempotency-Key.
 * One snapshot matters: a concurrent first request either committed before it (its response is
 * here, and is the answer) or did not (its seats are not taken here either), so a repeat never
 * hears the "slot full" that its own first request caused.
 */
export async function readBookingState(idempotencyKey: string, portId: string, slotId: string | undefined, fingerprint: () => string) {
  const [row] = await prepared(await getDb(), "read_booking_state", (db, name) =>
    db
      .select({ port: ports, slot: slots, first: { requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response } })
      .from(ports)
      // A missing slot id is bound as NULL, which matches no slot.
      .leftJoin(slots, and(eq(slots.id, sql.placeholder("slotId")), eq(slots.portId, ports.id)))
      .leftJoin(idempotencyKeys, eq(idempotencyKeys.keyHash, sql.placeholder("keyHash")))
      .where(eq(ports.id, sql.placeholder("portId")))
      .prepare(name),
  ).execute({ portId, slotId: slotId ?? null, keyHash: idempotencyLookupKey(idempotencyKey) });
  if (!row) {
    // No such port; a request naming none was never answered with a stored response either.
    throw new AppError("port_not_found");
  }
  return { port: row.port, slot: row.slot, repeat: replay(row.first, idempotencyKey, fingerprint) };
}

/**
 * Books a first-come slot for a group, all seats or none. `slot` is the one the pre-check read and
 * found bookable with room (`precheckFirstCome`); its seats are taken by one conditional UPDATE
 * (never check-then-insert) in the same statement as everything else the booking writes; see
 * `submitOnce`.
 */
export async function bookFirstCome(request: BookingRequest & { slot: Slot }, now: Date): Promise<StoredResponse> {
  const { port, slot, application } = request;
  const code = newAppointmentCode();
  const token = await signAppointmentToken({ code, portId: port.id, slot: slotClaims(slot, port), travelers: application.travelers.length }, now);
  const placement: Placement = { code, token, status: "confirmed", portId: port.id, slotId: slot.id };
  return submitOnce(request, now, placement, (secret) => ({
    status: 201,
    body: { appointment: appointmentView({ appointment: placement, slot, timeZone: port.timeZone, port, travelers: application.travelers }), secret },
  }));
}

/**
 * Enters a group in the draws of a draw port: the same idempotency, one-person and photo rules as
 * a booking, but no seats are taken; the answer (202) names the draw the request enters.
 */
export async function requestDraw(request: BookingRequest, now: Date): Promise<StoredResponse> {
  const { port, application } = request;
  const code = newAppointmentCode();
  // No slot yet: the token names code, port and party size; a new one with the slot is signed on
  // confirmation.
  const token = await signAppointmentToken({ code, portId: port.id, slot: null, travelers: application.travelers.length }, now);
  const placement: Placement = {
    code,
    token,
    status: "requested",
    portId: port.id,
    slotId: null,
    preferredDates: [...new Set(application.preferredDates ?? [])].sort(),
    waitingSince: now,
  };
  return submitOnce(request, now, placement, (secret) => ({
    status: 202,
    body: {
      appointment: appointmentView({ appointment: { ...placement, createdAt: now }, slot: null, timeZone: port.timeZone, port, travelers: application.travelers }),
      secret,
    },
  }));
}

type Placement = Pick<
  typeof appointments.$inferInsert,
  "code" | "token" | "status" | "portId" | "slotId" | "preferredDates" | "waitingSince"
> & { status: "confirmed" | "requested"; token: string };

/**
 * What every submission shares: the travelers' person keys (no one twice in a request), then ONE
 * statement, its own transaction, that claims the Idempotency-Key row (with the response to
 * repeat), takes the seats, and stores the appointment, its travelers, photos and first event.
 * Everything is computed before it, so the slot's row is locked only while that statement runs.
 *
 * How a concurrent repeat (same Idempotency-Key) is answered: its claim waits for the first
 * request's statement and then breaks the key's primary key, or its travelers collide with the
 * first's on the one-active-appointment index, or the first took the last seats; either way
 * nothing of it is stored and the first request's stored response is sent instead.
 */
async function submitOnce(
  request: BookingRequest,
  now: Date,
  placement: Placement,
  respond: (secret: string) => StoredResponse,
): Promise<StoredResponse> {
  const db = await getDb();
  const { application } = request;
  const pepper = (await getServerKeys()).pepper;
  const personKeys = application.travelers.map((t) => keyedHash(pepper, personIdentity(t)));
  rejectDuplicateTravelers(personKeys);

  const secret = newSecret();
  const response = respond(secret);
  const seats = placement.slotId ? { slotId: placement.slotId, count: application.travelers.length } : null;
  const write = applicationWrite(db, application.travelers.length, request.photos.length, seats !== null);
  try {
    // No BEGIN/COMMIT around it: one statement is its own transaction. The slot's row is then
    // locked only while PostgreSQL runs it, not until this process's busy event loop gets round to
    // sending a COMMIT, and a booking costs one round trip instead of three.
    await write.execute(db, writeValues({ request, personKeys, now, placement, secretHash: hashSecret(secret), response, seats }));
    return response;
  } catch (error) {
    const refused = refusal(error);
    if (!refused) throw error;
    // A concurrent first request with this key may be what refused it (its claim committed first,
    // its travelers hold the index, or it took the last seats): it gets that request's answer.
    const repeat = await findRepeat(request.idempotencyKey, request.fingerprint);
    if (repeat) return repeat;
    if (refused === "seats_gone") {
      const slot = request.slot!;
      throw new AppError("slot_full", { details: { alternatives: await findAlternatives(db, request.port, slot.startsAt, seats!.count, now) } });
    }
    if (refused === "already_booked") throw await alreadyBooked(db, personKeys);
    throw new AppError("internal_error");
  }
}

/** Why the write was refused, when it was one of the constraints that answer a submission. */
function refusal(error: unknown): "seats_gone" | "already_booked" | "key_claimed" | null {
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

type WriteParts = {
  request: BookingRequest;
  personKeys: string[];
  now: Date;
  placement: Placement;
  secretHash: Buffer;
  response: StoredResponse;
  seats: { slotId: string; count: number } | null;
};

/**
 * The one statement of a submission, atomic on its own (data-modifying CTEs all run, in one
 * snapshot, and commit or fail together). It never half-succeeds: seats beyond the slot's capacity
 * break `slots_booked_within_capacity`, a key already claimed breaks the key's primary key, a
 * traveler with an active appointment breaks `travelers_one_active_per_person`; each makes the
 * whole statement fail and nothing is stored. Built once per shape (how many travelers and photos,
 * seats or a draw) with placeholders; each request only fills in its values (`writeValues`).
 */
function applicationWrite(db: Db, travelerCount: number, photoCount: number, withSeats: boolean) {
  return preparedStatement(db, `application_write_${travelerCount}_${photoCount}_${withSeats ? "seats" : "draw"}`, (db) => {
    const claim = db
      .insert(idempotencyKeys)
      .values({ keyHash: value("keyHash"), requestHash: value("requestHash"), status: value("responseStatus"), response: value("response"), createdAt: value("now") });
    const appointment = db.insert(appointments).values({
      id: value("appointmentId"),
      code: value("code"),
      token: value("token"),
      status: value("appointmentStatus"),
      portId: value("portId"),
      slotId: value("slotId"),
      preferredDates: value("preferredDates"),
      waitingSince: value("waitingSince"),
      secretHash: value("secretHash"),
      travelerCount,
      locale: value("locale"),
      contact: value("contact"),
      attestations: value("attestations"),
      eligibility: value("eligibility"),
      createdAt: value("now"),
      updatedAt: value("now"),
    });
    const people = db.insert(travelers).values(
      Array.from({ length: travelerCount }, (_, i) => ({
        appointmentId: value("appointmentId"),
        active: true,
        ...Object.fromEntries(TRAVELER_COLUMNS.map((column) => [column, value(`t${i}_${column}`)])),
      })) as unknown as (typeof travelers.$inferInsert)[],
    );
    const photoRows = db.insert(photos).values(
      Array.from({ length: photoCount }, (_, i) => ({
        appointmentId: value("appointmentId"),
        position: i,
        status: value(`p${i}_status`),
        jpeg: value(`p${i}_jpeg`),
        upload: value(`p${i}_upload`),
      })),
    );
    const event = db.insert(appointmentEvents).values({ appointmentId: value("appointmentId"), status: value("appointmentStatus"), slotId: value("slotId"), at: value("now") });
    // Unconditional: seats beyond capacity break the slot's check constraint and so fail it all.
    const seats = sql`, seats AS ${db.update(slots).set({ booked: sql`${slots.booked} + ${value("seatCount")}` }).where(sql`${slots.id} = ${value("slotId")}`)}`;
    return sql`WITH claim AS ${claim}${withSeats ? seats : sql``}, appointment AS ${appointment}, people AS ${people}, photo AS ${photoRows}, event AS ${event} SELECT`;
  });
}

/**
 * A bare placeholder (no column encoder): the ORM's encoders turn a null JSON value into the
 * JSON `null` and cannot take a null time, so `writeValues` hands over database-ready values.
 */
const value = (name: string) => sql`${sql.placeholder(name)}`;

const TRAVELER_COLUMNS = [
  "position",
  "givenNames",
  "familyNames",
  "dateOfBirth",
  "sex",
  "nationality",
  "countryOfBirth",
  "preferredLanguage",
  "document",
  "personKey",
] as const;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The placeholders' values of `applicationWrite` for one submission. */
function writeValues({ request, personKeys, now, placement, secretHash, response, seats }: WriteParts): Record<string, unknown> {
  const { application } = request;
  const contact = application.contact && (application.contact.phone || application.contact.email) ? application.contact : null;
  const values: Record<string, unknown> = {
    keyHash: idempotencyLookupKey(request.idempotencyKey),
    requestHash: request.fingerprint,
    responseStatus: response.status,
    response: sealResponse(request.idempotencyKey, response),
    now: now.toISOString(),
    appointmentId: randomUUID(),
    code: placement.code,
    token: placement.token,
    appointmentStatus: placement.status,
    portId: placement.portId,
    slotId: placement.slotId ?? null,
    preferredDates: json(placement.preferredDates),
    waitingSince: placement.waitingSince ? placement.waitingSince.toISOString() : null,
    secretHash,
    locale: application.locale ?? request.locale,
    contact: json(contact),
    attestations: json(application.attestations),
    eligibility: json(request.eligibility),
    seatCount: seats?.count ?? 0,
  };
  // In person-key order, so two concurrent bookings sharing people lock them in the same order
  // and cannot deadlock; the unique index is what keeps one active appointment per person.
  const people = application.travelers
    .map((t, position) => ({ t, position, personKey: personKeys[position] }))
    .sort((a, b) => (a.personKey < b.personKey ? -1 : 1));
  people.forEach(({ t, position, personKey }, i) => {
    const row: Record<(typeof TRAVELER_COLUMNS)[number], unknown> = {
      position,
      givenNames: t.givenNames,
      familyNames: t.familyNames,
      dateOfBirth: t.dateOfBirth,
      sex: t.sex,
      nationality: t.nationality,
      countryOfBirth: t.countryOfBirth,
      preferredLanguage: t.preferredLanguage ?? null,
      document: json(t.document),
      personKey,
    };
    for (const column of TRAVELER_COLUMNS) values[`t${i}_${column}`] = row[column];
  });
  request.photos.forEach(({ status, bytes }, i) => {
    values[`p${i}_status`] = status;
    values[`p${i}_jpeg`] = status === "ready" ? bytes : null;
    values[`p${i}_upload`] = status === "ready" ? null : bytes;
  });
  return values;
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

/**
 * A cheap check before the costly work (reading the photos): a request for a slot or seats that
 * plainly are not there is answered at once. Only an optimization: the write decides.
 */
export async function precheckFirstCome(application: Application, port: Port, slot: Slot | null, now: Date): Promise<Slot> {
  if (!application.slotId) throw validationFailed([{ path: "slotId", key: "slot_required" }]);
  if (!slot) throw new AppError("slot_not_found");
  const seats = application.travelers.length;
  const alternatives = async () => findAlternatives(await getDb(), port, slot.startsAt, seats, now);
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

/** traveler_already_booked naming the travelers who hold an active appointment (all, if they have since let it go). */
async function alreadyBooked(db: Executor, personKeys: string[]): Promise<AppError> {
  const booked = await db
    .select({ personKey: travelers.personKey })
    .from(travelers)
    .where(and(eq(travelers.active, true), inArray(travelers.personKey, personKeys)));
  const taken = new Set(booked.map((row) => row.personKey));
  const flagged = personKeys.flatMap((key, i) => (taken.size === 0 || taken.has(key) ? [{ path: `travelers.${i}`, key: "already_booked" }] : []));
  return new AppError("traveler_already_booked", { issues: flagged });
}

export function slotClaims(slot: { id: string; startsAt: Date; endsAt: Date }, port: Port) {
  return { id: slot.id, start: formatInstant(slot.startsAt, port.timeZone), end: formatInstant(slot.endsAt, port.timeZone) };
}
