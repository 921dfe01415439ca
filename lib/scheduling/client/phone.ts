import "client-only";
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from "libphonenumber-js/min";

/**
 * Phone numbers as people type them: with or without "+52", spaces, dashes, brackets, and in any
 * digit system the app's languages use (١٢٣, ۱۲۳). libphonenumber-js with its smallest metadata
 * ("min", ~20 KB compressed), which this module alone imports: it loads with the contact step
 * (and on Check, to show the number), never with the rest of the flow.
 */

/** People are in Mexico: a number without a country code is a Mexican one. */
const DEFAULT_COUNTRY: CountryCode = "MX";

export type PhoneProblem = "notANumber" | "tooShort" | "tooLong" | "invalidCountry" | "invalid";

type PhoneReading =
  | { ok: true; e164: string; international: string; country: string | undefined }
  | { ok: false; problem: PhoneProblem; country: string };

/** What the person typed, read: the number in E.164 and as people write it, or what is wrong. */
export function readPhone(text: string): PhoneReading {
  const reading = read(text);
  // Mexican mobiles were dialled "+52 1 …" until 2019 and many still write them so: the 1 is dropped.
  const old = !reading.ok && reading.problem === "tooLong" && parsePhoneNumberFromString(text, DEFAULT_COUNTRY);
  if (old && old.countryCallingCode === "52" && /^1\d{10}$/.test(old.nationalNumber)) {
    const current = read(`+52${old.nationalNumber.slice(1)}`);
    if (current.ok) return current;
  }
  return reading;
}

function read(text: string): PhoneReading {
  const country = DEFAULT_COUNTRY;
  const length = validatePhoneNumberLength(text, country);
  if (length === "NOT_A_NUMBER") return { ok: false, problem: "notANumber", country };
  if (length === "INVALID_COUNTRY") return { ok: false, problem: "invalidCountry", country };
  if (length === "TOO_SHORT") return { ok: false, problem: "tooShort", country };
  if (length === "TOO_LONG") return { ok: false, problem: "tooLong", country };
  const number = parsePhoneNumberFromString(text, country);
  if (!number) return { ok: false, problem: "notANumber", country };
  if (!number.isValid()) return { ok: false, problem: "invalid", country: number.country ?? country };
  return { ok: true, e164: number.number, international: number.formatInternational(), country: number.country };
}

/** A stored number (E.164) as people read it, "+52 664 123 4567"; anything else as it is. */
export function formatPhone(stored: string): string {
  const number = parsePhoneNumberFromString(stored, DEFAULT_COUNTRY);
  return number?.isValid() ? number.formatInternational() : stored;
}
