import "client-only";
import type { Location } from "@/lib/shared/schemas/application";
import { asciiDigits } from "@/lib/shared/text/digits";
import type { ApiFailure } from "./api-client";

/**
 * The application as the person fills it in, step by step: strings as typed (a date of birth is
 * three fields), nothing validated yet. Photos are kept apart (see draft-store.ts) because they
 * are large blobs.
 */
export type DateParts = { day: string; month: string; year: string };

export type TravelerDraft = {
  id: string;
  givenNames: string;
  familyNames: string;
  dateOfBirth: DateParts;
  sex: "" | "F" | "M" | "X";
  nationality: string;
  countryOfBirth: string;
  preferredLanguage: string;
  documentType: "" | "passport" | "national_id" | "travel_document" | "other";
  documentNumber: string;
  documentCountry: string;
};

export type Draft = {
  attestations: string[];
  location: Location | null;
  travelers: TravelerDraft[];
  contact: { phone: string; email: string };
  portId: string;
  /** The chosen port as the API described it (name, zone, address), for the later steps. */
  port: { id: string; name: string; state: string; timeZone: string; mode: "first-come" | "draw"; address: string; mexicanCity?: string; latitude?: number; longitude?: number } | null;
  slot: { id: string; start: string; end: string } | null;
  /** Fixed the first time the person presses Send, so every retry is the same request. */
  idempotencyKey: string | null;
  /** What the server refused when a queued application was delivered, shown again on "Check". */
  failure: ApiFailure | null;
};

export const emptyDraft = (): Draft => ({
  attestations: [],
  location: null,
  travelers: [],
  contact: { phone: "", email: "" },
  portId: "",
  port: null,
  slot: null,
  idempotencyKey: null,
  failure: null,
});

/**
 * A traveler with nothing answered. The interview language is left to the language screen, which
 * offers the nationality's usual language (languages.ts), not the phone's.
 */
export function newTraveler(id: string, preferredLanguage = ""): TravelerDraft {
  return {
    id,
    givenNames: "",
    familyNames: "",
    dateOfBirth: { day: "", month: "", year: "" },
    sex: "",
    nationality: "",
    countryOfBirth: "",
    preferredLanguage,
    documentType: "",
    documentNumber: "",
    documentCountry: "",
  };
}

/**
 * `1990-05-17` from three fields as typed ("17", "5", "1990", or "١٧", "٥", "١٩٩٠" on an Arabic
 * keyboard), or the raw text when incomplete.
 */
export function isoDate({ day, month, year }: DateParts): string {
  const [d, m, y] = [day, month, year].map((part) => asciiDigits(part).trim());
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `${y}-${m}-${d}`;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** The traveler as the API takes it (validated by the same schema on both sides). */
export function travelerInput(t: TravelerDraft) {
  return {
    givenNames: t.givenNames,
    familyNames: t.familyNames,
    dateOfBirth: isoDate(t.dateOfBirth),
    sex: t.sex,
    nationality: t.nationality,
    countryOfBirth: t.countryOfBirth,
    ...(t.preferredLanguage && { preferredLanguage: t.preferredLanguage }),
    ...(t.documentType && {
      document: { type: t.documentType, number: t.documentNumber, country: t.documentCountry },
    }),
  };
}

export function applicationInput(draft: Draft, locale: string) {
  return {
    portId: draft.portId,
    // A draw port takes no time: the request goes into the daily draw (any day suits).
    ...(draft.port?.mode === "draw" ? {} : draft.slot && { slotId: draft.slot.id }),
    locale,
    travelers: draft.travelers.map(travelerInput),
    contact: draft.contact,
    attestations: draft.attestations,
    location: draft.location,
  };
}

/**
 * The traveler's questions, one screen each, in the order they are asked: each screen's path and
 * the form fields it holds (a field name is the draft's, `dateOfBirth.day` for a part of the date).
 */
export const travelerScreens = [
  { path: "/book/traveler", fields: ["givenNames", "familyNames", "dateOfBirth.day", "dateOfBirth.month", "dateOfBirth.year", "sex"] },
  { path: "/book/traveler/origin", fields: ["nationality", "countryOfBirth"] },
  { path: "/book/traveler/document", fields: ["documentType", "documentNumber", "documentCountry"] },
  { path: "/book/traveler/language", fields: ["preferredLanguage"] },
] as const;

/** The screen that asks for a field (a form field or an API path's last part, e.g. `nationality`). */
export function travelerHref(id: string, field = ""): string {
  const name = field.replace(/^document\.(type|number|country)$/, (_, part: string) => `document${part[0].toUpperCase()}${part.slice(1)}`);
  const screen = travelerScreens.find((s) => (s.fields as readonly string[]).some((f) => f === name || f.startsWith(`${name}.`))) ?? travelerScreens[0];
  return `${screen.path}?id=${encodeURIComponent(id)}`;
}

/**
 * Where a traveler's answers stop, for the list: the first screen with a required answer still
 * blank, or null. Cheap on purpose (no validator): the full check runs when the list moves on.
 */
export function unfinishedScreen(t: TravelerDraft): string | null {
  const { day, month, year } = t.dateOfBirth;
  if ((!t.givenNames.trim() && !t.familyNames.trim()) || !day.trim() || !month.trim() || !year.trim() || !t.sex) return travelerHref(t.id);
  if (!t.nationality || !t.countryOfBirth) return travelerHref(t.id, "nationality");
  return null;
}

/** The person's name as they wrote it, for headings ("Photo of Ana"). */
export function displayName(t: Pick<TravelerDraft, "givenNames" | "familyNames">): string {
  return [t.givenNames, t.familyNames].filter(Boolean).join(" ");
}

/** The booking steps whose answers the check step asks for; each is also a page, /book/<step>. */
type AnswerStep = "eligibility" | "travelers" | "photos" | "port";

/** Which steps are complete, so a step can send the person back to the first one missing. */
export function firstIncompleteStep(draft: Draft, photoIds: ReadonlySet<string>): AnswerStep | null {
  if (draft.attestations.length === 0 || !draft.location) return "eligibility";
  if (draft.travelers.length === 0) return "travelers";
  if (draft.travelers.some((t) => !photoIds.has(t.id))) return "photos";
  if (!draft.portId || !draft.port) return "port";
  if (draft.port.mode !== "draw" && !draft.slot) return "port";
  return null;
}
