import "server-only";
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const ports = pgTable("ports", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  state: text("state").notNull(),
  timeZone: text("time_zone").notNull(),
  mode: text("mode", { enum: ["first-come", "draw"] }).notNull(),
  address: text("address").notNull(),
  // Draw ports only (null for first-come), wall times "HH:MM" in the port's zone: requests that
  // arrive before the window closes enter that day's draw (for the next day's slots), later ones
  // the following day's; the draw runs at `drawTime`.
  drawWindowOpens: text("draw_window_opens"),
  drawWindowCloses: text("draw_window_closes"),
  drawTime: text("draw_time"),
});

/** Weekly pattern from which a port's slots are made, a rolling number of days ahead. */
export const slotTemplates = pgTable("slot_templates", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  portId: text("port_id").notNull().references(() => ports.id),
  weekdays: smallint("weekdays").array().notNull(),
  opens: text("opens").notNull(),
  closes: text("closes").notNull(),
  slotMinutes: integer("slot_minutes").notNull(),
  capacity: integer("capacity").notNull(),
});

/**
 * A slot's seats: `booked` only ever changes in one UPDATE per change, and the check constraint
 * makes overbooking impossible under any concurrency. A booking's write relies on it alone: seats
 * beyond capacity fail the whole statement (built in
 * lib/scheduling/server/data/application-statement.ts, run by application-write.ts); the other
 * writes are also conditional.
 */
export const slots = pgTable(
  "slots",
  {
    id: text("id").primaryKey(),
    portId: text("port_id").notNull().references(() => ports.id),
    date: date("date", { mode: "string" }).notNull(),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    booked: integer("booked").notNull().default(0),
  },
  (t) => [
    index("slots_port_date").on(t.portId, t.date),
    check("slots_booked_within_capacity", sql`${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`),
  ],
);

import { appointmentStatuses, photoStatuses } from "@/lib/shared/schemas/statuses";
export { appointmentStatuses, type AppointmentStatus } from "@/lib/shared/schemas/statuses";

export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    secretHash: bytea("secret_hash").notNull(),
    status: text("status", { enum: appointmentStatuses }).notNull(),
    portId: text("port_id").notNull().references(() => ports.id),
    slotId: text("slot_id").references(() => slots.id),
    travelerCount: smallint("traveler_count").notNull(),
    locale: text("locale").notNull(),
    // The signed token of the current slot, kept so every read shows the same QR code.
    token: text("token").notNull(),
    contact: jsonb("contact").$type<{ phone?: string; email?: string }>(),
    attestations: jsonb("attestations").$type<string[]>().notNull(),
    // Only the verdict and a coarse location (about 11 km), never the device's precise reading.
    eligibility: jsonb("eligibility").$type<{ inside: boolean; latitude: number; longitude: number; capturedAt: string }>().notNull(),
    // Draw requests only: the days asked for (empty = any), since when the request waits (kept
    // across draws it was not selected in), the deadline to confirm an allocation, and the
    // pseudonymous id of its entry in the last draw it took part in.
    preferredDates: jsonb("preferred_dates").$type<string[]>(),
    waitingSince: instant("waiting_since"),
    confirmBy: instant("confirm_by"),
    drawEntryId: text("draw_entry_id"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("appointments_code").on(t.code),
    index("appointments_slot").on(t.slotId),
    // By port only, not status: a draw moves tens of thousands of requests from `requested` to
    // `not_selected` at once, and with no index on what changes (and room left on each page, see
    // drizzle/0003) PostgreSQL rewrites each row in place without touching any index.
    index("appointments_port").on(t.portId),
  ],
);

export const travelers = pgTable(
  "travelers",
  {
    appointmentId: uuid("appointment_id").notNull().references(() => appointments.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    givenNames: text("given_names").notNull(),
    familyNames: text("family_names").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    sex: text("sex").notNull(),
    nationality: text("nationality").notNull(),
    countryOfBirth: text("country_of_birth").notNull(),
    preferredLanguage: text("preferred_language"),
    document: jsonb("document").$type<{ type: string; number: string; country: string }>(),
    // Keyed hash of the normalized names, date of birth and nationality: finds the same person
    // across appointments without an index of names.
    personKey: text("person_key").notNull(),
    active: boolean("active").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.appointmentId, t.position] }),
    // One active appointment per person, held by the database under any concurrency.
    uniqueIndex("travelers_one_active_per_person").on(t.personKey).where(sql`${t.active}`),
  ],
);

/**
 * Travelers' photos, read only by officers. `pending`: `upload` is the photo as sent, its metadata
 * already removed, waiting for the background decode and re-encode (lib/photos/server/pending.ts).
 * `ready`: `jpeg` is the re-encoded photo (no metadata). `unreadable`: its image data did not
 * decode; nothing is kept, and the person is asked for a new one (the API's `needs_new`).
 * `version` counts the photos sent for the traveler: a new one (PUT …/travelers/{index}/photo)
 * bumps it, and the worker stores its result only for the version it decoded, so a stale result
 * never overwrites a newer photo. `leased_until`: a worker took the pending photo until then (its
 * decode runs outside any transaction); after it, another may take it (the first one died).
 */
export const photos = pgTable(
  "photos",
  {
    appointmentId: uuid("appointment_id").notNull().references(() => appointments.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    status: text("status", { enum: photoStatuses }).notNull().default("ready"),
    jpeg: bytea("jpeg"),
    upload: bytea("upload"),
    version: integer("version").notNull().default(0),
    leasedUntil: instant("leased_until"),
  },
  (t) => [
    primaryKey({ columns: [t.appointmentId, t.position] }),
    // The background re-encode's queue: small, and empty between rushes.
    index("photos_pending").on(t.appointmentId, t.position).where(sql`${t.status} = 'pending'`),
    check(
      "photos_bytes_match_status",
      sql`(${t.status} = 'ready' AND ${t.jpeg} IS NOT NULL AND ${t.upload} IS NULL) OR (${t.status} = 'pending' AND ${t.jpeg} IS NULL AND ${t.upload} IS NOT NULL) OR (${t.status} = 'unreadable' AND ${t.jpeg} IS NULL AND ${t.upload} IS NULL)`,
    ),
  ],
);

/** Every status an appointment took, with its time. */
export const appointmentEvents = pgTable(
  "appointment_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    appointmentId: uuid("appointment_id").notNull().references(() => appointments.id, { onDelete: "cascade" }),
    status: text("status", { enum: appointmentStatuses }).notNull(),
    slotId: text("slot_id"),
    at: instant("at").notNull(),
  },
  (t) => [index("appointment_events_appointment").on(t.appointmentId)],
);

/**
 * The first successful response to each Idempotency-Key. Looked up by a hash of the key and
 * stored encrypted under a key derived from it: the response carries the appointment's secret,
 * which only the holder of the Idempotency-Key may see again.
 */
export const idempotencyKeys = pgTable("idempotency_keys", {
  keyHash: text("key_hash").primaryKey(),
  requestHash: text("request_hash").notNull(),
  status: smallint("status"),
  response: bytea("response"),
  createdAt: instant("created_at").notNull(),
});

/** Fixed-window counters shared by every app instance on the database. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: instant("window_start").notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/**
 * One draw per draw port and day of slots. The seed is secret until the draw has run; only its
 * commitment is shown before. `publication` is the full, re-checkable result (lib/draw).
 */
export const draws = pgTable(
  "draws",
  {
    portId: text("port_id").notNull().references(() => ports.id),
    date: date("date", { mode: "string" }).notNull(),
    seed: text("seed").notNull(),
    commitment: text("commitment").notNull(),
    entriesHash: text("entries_hash"),
    status: text("status", { enum: ["open", "frozen", "drawn"] }).notNull(),
    publication: jsonb("publication").$type<Record<string, unknown>>(),
    createdAt: instant("created_at").notNull(),
    frozenAt: instant("frozen_at"),
    drawnAt: instant("drawn_at"),
  },
  (t) => [primaryKey({ columns: [t.portId, t.date] })],
);

/**
 * The deployment's keys, one set for every instance on the database (lib/server/crypto): the key
 * that signs appointment tokens, the key queued applications are sealed to, and the pepper of the
 * keyed hashes. `kid` is the JWK thumbprint of a key, a fingerprint of the pepper. `secret` is the
 * private JWK (or the pepper) itself, in the clear: why, in lib/server/crypto/deployment-keys.ts.
 * A rotation retires the current key and keeps it: phones seal to the key they fetched days ago,
 * and tokens name the key that signed them.
 */
export const deploymentKeys = pgTable(
  "deployment_keys",
  {
    purpose: text("purpose", { enum: ["signing", "sealing", "pepper"] }).notNull(),
    kid: text("kid").notNull(),
    secret: text("secret").notNull(),
    createdAt: instant("created_at").notNull(),
    retiredAt: instant("retired_at"),
  },
  (t) => [
    primaryKey({ columns: [t.purpose, t.kid] }),
    // One current key per purpose, whatever instances start or rotate at once.
    uniqueIndex("deployment_keys_one_current").on(t.purpose).where(sql`${t.retiredAt} IS NULL`),
  ],
);
