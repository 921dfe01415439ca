import "client-only";
import type { Location } from "@/lib/shared/schemas/application";
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
  port: { id: string; name: string; state: string; timeZone: string; mode: "first-come" | "draw"; address: string } | null;
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

export function newTraveler(id: string, preferredLanguage: string): TravelerDraft {
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

/** `1990-05-17` from three fields as typed ("17", "5", "1990"), or the raw text when incomplete. */
export function isoDate({ day, month, year }: DateParts): string {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
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
