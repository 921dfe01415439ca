import * as z from "zod/mini";
import { isCountryCode, isNationalityCode } from "@/lib/shared/countries/iso3166";
import { locales } from "@/lib/shared/i18n/locales";
import { isCalendarDate } from "@/lib/shared/time/dates";

/**
 * The inputs of the public API, shared by the booking form and the route handlers. Written with
 * zod/mini because they ship to phones: the same checks at a fraction of full zod's size. Custom
 * messages are message keys under `errors.issues` in `messages/`, never text for people.
 */

import { MAX_NAME_LENGTH, MAX_TRAVELERS } from "./limits";

// Any script's letters and combining marks, spaces, and the punctuation names really carry
// (O'Brien, Jean-Baptiste, St. John, Lê, ʻOkusitino). No digits, markup or statement syntax.
const NAME_PATTERN = /^[\p{L}\p{M}\p{Zs}'’ʼʻ.\-‐,\u200c\u200d]*$/u;

const nameField = z._default(
  z.string().check(
    z.maxLength(MAX_NAME_LENGTH),
    z.trim(),
    z.refine((value: string) => NAME_PATTERN.test(value), { error: "invalid_characters" }),
  ),
  "",
);

/** Blank answers are no answer: an empty optional field is treated as absent. */
const blankAsAbsent = <T extends z.ZodMiniType>(schema: T, clean: (value: string) => string = (v) => v) =>
  z.pipe(
    z.transform((value: unknown) => (typeof value === "string" && clean(value).trim() === "" ? undefined : typeof value === "string" ? clean(value) : value)),
    z.optional(schema),
  );

export const calendarDateSchema = z.string().check(z.refine(isCalendarDate, { error: "invalid_date" }));

// Control characters (C0 such as NUL and ESC, DEL, C1) and UTF-16 surrogates without their pair.
// PostgreSQL refuses NUL in text and a lone surrogate in jsonb, and neither belongs in anything a
// person types or an id the server made. No field of the contract is free text, so none needs the
// tab or line break a note might carry; names and document numbers have stricter patterns still.
const UNREADABLE_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

/** Text that may be stored and shown: no control characters, no half of a surrogate pair. */
const readable = z.refine<string>((value) => !UNREADABLE_CHARACTERS.test(value), { error: "unreadable_characters" });

/** An id the client names (a port, a slot, an appointment's code): readable text of bounded length. */
const identifier = (maxLength: number) => z.string().check(z.minLength(1), z.maxLength(maxLength), readable);

const countryCode = z.string().check(z.refine(isCountryCode, { error: "invalid_country" }));
const nationality = z.string().check(z.refine(isNationalityCode, { error: "invalid_country" }));

export const travelerSchema = z
  .object({
    givenNames: nameField,
    familyNames: nameField,
    dateOfBirth: calendarDateSchema.check(z.refine((date: string) => date >= "1900-01-01", { error: "date_too_early" })),
    sex: z.enum(["F", "M", "X"], { error: "invalid_option" }),
    nationality,
    countryOfBirth: countryCode,
    preferredLanguage: blankAsAbsent(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "invalid_language" }))),
    document: z.optional(
      z.object({
        type: z.enum(["passport", "national_id", "travel_document", "other"], { error: "invalid_option" }),
        number: z.string().check(
          z.trim(),
          z.minLength(1),
          z.maxLength(32),
          z.regex(/^[A-Za-z0-9 -]+$/, { error: "invalid_document_number" }),
        ),
        country: countryCode,
      }),
    ),
  })
  // One-name people exist in many cultures: either part may be empty, not both. Checked even when
  // other fields have problems (`when`), so a form hears of every problem at the first try.
  .check(
    z.refine((t: { givenNames: string; familyNames: string }) => t.givenNames !== "" || t.familyNames !== "", {
      error: "name_required",
      path: ["givenNames"],
      when: ({ value }) => namesParsed(value),
    }),
  );

/** Both names are text once the fields ran (zod's value of an object is built even when it fails). */
function namesParsed(value: unknown): boolean {
  const t = value as { givenNames?: unknown; familyNames?: unknown } | null;
  return typeof t === "object" && t !== null && typeof t.givenNames === "string" && typeof t.familyNames === "string";
}

const locationSchema = z.object({
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  longitude: z.number().check(z.gte(-180), z.lte(180)),
  accuracy: z.optional(z.number().check(z.gte(0), z.lte(1_000_000))),
  capturedAt: z.iso.datetime({ offset: true, error: "invalid_datetime" }),
});

export const contactSchema = z.object({
  phone: blankAsAbsent(z.string().check(z.regex(/^\+[1-9][0-9]{6,14}$/, { error: "invalid_phone" })), (v) => v.replace(/[\s().-]/g, "")),
  email: blankAsAbsent(z.email({ error: "invalid_email" }).check(z.maxLength(254))),
});

/** Ids as the contract names them, in bodies and in paths (`/ports/{portId}`, `/appointments/{code}`). */
export const portIdSchema = identifier(64);
const slotIdSchema = identifier(128);
// Written by hand, so spaces and dashes may come along: the domain's canonicalCode reads the rest.
export const appointmentCodeSchema = identifier(32);
/**
 * The `{index}` of `/appointments/{code}/travelers/{index}/photo`: a traveler's 0-based position,
 * written as a small integer ("3", not "03", "+3" or "3.0"). Anything else names no traveler
 * (traveler_not_found); so does an index past the appointment's travelers.
 */
export const travelerIndexSchema = z.pipe(z.string().check(z.regex(/^(?:0|[1-9][0-9]?)$/)), z.transform(Number));

export const applicationSchema = z.object({
  portId: portIdSchema,
  slotId: z.optional(slotIdSchema),
  preferredDates: z.optional(z.array(calendarDateSchema).check(z.maxLength(14))),
  locale: z.optional(z.enum(locales, { error: "invalid_option" })),
  travelers: z.array(travelerSchema).check(z.minLength(1), z.maxLength(MAX_TRAVELERS)),
  contact: z.optional(contactSchema),
  attestations: z.array(z.string().check(z.maxLength(64), readable)).check(z.maxLength(20)),
  location: locationSchema,
});

export type Application = z.infer<typeof applicationSchema>;
export type Location = z.infer<typeof locationSchema>;

export const availabilityQuerySchema = z.object({ from: calendarDateSchema, to: calendarDateSchema });

export const rescheduleSchema = z.object({ slotId: slotIdSchema });

/** The Idempotency-Key header's form, from the contract. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** POST /appointments/{code}/confirm: a location where the deployment checks it again. */
export const confirmSchema = z.object({ location: z.optional(locationSchema) });
