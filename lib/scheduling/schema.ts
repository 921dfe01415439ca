import { z } from "zod";
import { isCountryCode, isNationalityCode } from "@/lib/countries/iso3166";
import { locales } from "@/lib/i18n/locales";
import { isCalendarDate } from "./time";

/**
 * The inputs of the public API, shared by the booking form and the route handlers. Custom
 * messages here are message keys under `errors.issues` in `messages/`, never text for people.
 */

export const MAX_TRAVELERS = 10;
export const MAX_NAME_LENGTH = 128;

// Any script's letters and combining marks, spaces, and the punctuation names really carry
// (O'Brien, Jean-Baptiste, St. John, Lê, ʻOkusitino). No digits, markup or statement syntax.
const NAME_PATTERN = /^[\p{L}\p{M}\p{Zs}'’ʼʻ.\-‐,\u200c\u200d]*$/u;

const nameField = z
  .string()
  .max(MAX_NAME_LENGTH)
  .transform((value) => value.trim())
  .refine((value) => NAME_PATTERN.test(value), { error: "invalid_characters" });

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const calendarDate = z
  .string()
  .refine(isCalendarDate, { error: "invalid_date" });

const countryCode = z.string().refine(isCountryCode, { error: "invalid_country" });
const nationality = z.string().refine(isNationalityCode, { error: "invalid_country" });

export const travelerSchema = z
  .object({
    givenNames: nameField.default(""),
    familyNames: nameField.default(""),
    dateOfBirth: calendarDate
      .refine((date) => date >= "1900-01-01", { error: "date_too_early" }),
    sex: z.enum(["F", "M", "X"], { error: "invalid_option" }),
    nationality,
    countryOfBirth: countryCode,
    preferredLanguage: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "invalid_language" }).optional(),
    ),
    document: z
      .object({
        type: z.enum(["passport", "national_id", "travel_document", "other"], { error: "invalid_option" }),
        number: z
          .string()
          .trim()
          .min(1)
          .max(32)
          .regex(/^[A-Za-z0-9 -]+$/, { error: "invalid_document_number" }),
        country: countryCode,
      })
      .optional(),
  })
  // One-name people exist in many cultures: either part may be empty, not both.
  .refine((t) => t.givenNames !== "" || t.familyNames !== "", {
    error: "name_required",
    path: ["givenNames"],
  });

export const locationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(1_000_000).optional(),
  capturedAt: z.iso.datetime({ offset: true, error: "invalid_datetime" }),
});

export const contactSchema = z.object({
  phone: z.preprocess(
    (v) => (typeof v === "string" ? emptyToUndefined(v.replace(/[\s().-]/g, "")) : v),
    z.string().regex(/^\+[1-9][0-9]{6,14}$/, { error: "invalid_phone" }).optional(),
  ),
  email: z.preprocess(emptyToUndefined, z.email({ error: "invalid_email" }).max(254).optional()),
});

export const applicationSchema = z.object({
  portId: z.string().min(1).max(64),
  slotId: z.string().min(1).max(128).optional(),
  preferredDates: z.array(calendarDate).max(14).optional(),
  locale: z.enum(locales, { error: "invalid_option" }).optional(),
  travelers: z.array(travelerSchema).min(1).max(MAX_TRAVELERS),
  contact: contactSchema.optional(),
  attestations: z.array(z.string().max(64)).max(20),
  location: locationSchema,
});

export type Application = z.infer<typeof applicationSchema>;
export type Traveler = z.infer<typeof travelerSchema>;
export type Location = z.infer<typeof locationSchema>;

export const availabilityQuerySchema = z.object({ from: calendarDate, to: calendarDate });

export const rescheduleSchema = z.object({ slotId: z.string().min(1).max(128) });

/** The Idempotency-Key header's form, from the contract. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
