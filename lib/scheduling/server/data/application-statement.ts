import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/connection";
import { preparedStatement } from "@/lib/server/db/prepared";
import { appointmentEvents, appointments, idempotencyKeys, photos, slots, travelers } from "@/lib/server/db/schema";
import type { AcceptedPhoto } from "@/lib/photos/server/process";
import type { Locale } from "@/lib/shared/i18n/locales";
import type { Application } from "@/lib/shared/schemas/application";

/** Where a submission puts its people: seats in a slot (first come) or a place in the draws. */
export type Placement = Pick<
  typeof appointments.$inferInsert,
  "code" | "token" | "status" | "portId" | "slotId" | "preferredDates" | "waitingSince"
> & { status: "confirmed" | "requested"; token: string };

/** The Idempotency-Key row a submission claims: the key's lookup hash, the fingerprint, the sealed response. */
export type IdempotencyClaim = { keyHash: string; requestHash: string; status: number; response: Buffer };

/** Everything one submission stores, as the domain decided it. */
export type ApplicationRecord = {
  claim: IdempotencyClaim;
  placement: Placement;
  application: Application;
  /** One per traveler, in order: to be decoded and re-encoded in the background. */
  photos: AcceptedPhoto[];
  eligibility: { inside: boolean; latitude: number; longitude: number; capturedAt: string };
  /** The request's negotiated language, for an application that names none. */
  locale: Locale;
  /** One per traveler, in order. */
  personKeys: string[];
  secretHash: Buffer;
  seats: { slotId: string; count: number } | null;
  now: Date;
};

/**
 * The one statement of a submission, atomic on its own (data-modifying CTEs all run, in one
 * snapshot, and commit or fail together). It never half-succeeds: seats beyond the slot's capacity
 * break `slots_booked_within_capacity`, a key already claimed breaks the key's primary key, a
 * traveler with an active appointment breaks `travelers_one_active_per_person`; each makes the
 * whole statement fail and nothing is stored. Built once per shape (how many travelers and photos,
 * seats or a draw) with placeholders; each request only fills in its values (`writeValues`).
 */
export function applicationWrite(db: Db, travelerCount: number, photoCount: number, withSeats: boolean) {
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
export function writeValues({ claim, placement, application, photos, eligibility, locale, personKeys, secretHash, seats, now }: ApplicationRecord): Record<string, unknown> {
  const contact = application.contact && (application.contact.phone || application.contact.email) ? application.contact : null;
  const values: Record<string, unknown> = {
    keyHash: claim.keyHash,
    requestHash: claim.requestHash,
    responseStatus: claim.status,
    response: claim.response,
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
    locale: application.locale ?? locale,
    contact: json(contact),
    attestations: json(application.attestations),
    eligibility: json(eligibility),
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
  // Every photo waits for the background decode and re-encode (lib/photos/server/pending.ts).
  photos.forEach(({ status, bytes }, i) => {
    values[`p${i}_status`] = status;
    values[`p${i}_upload`] = bytes;
  });
  return values;
}
