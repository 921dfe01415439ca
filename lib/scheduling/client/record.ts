import "client-only";
import type { SavedAppointment } from "./appointment-store";
import { mask } from "./answer-location";
import { displayName, isoDate, type Draft } from "./draft";

/** What the printed record keeps of the answers: names and dates as given, documents and contact masked. */
export function appointmentRecord(draft: Draft): NonNullable<SavedAppointment["record"]> {
  return {
    travelers: draft.travelers.map((t) => ({
      name: displayName(t),
      dateOfBirth: isoDate(t.dateOfBirth),
      nationality: t.nationality,
      document: t.documentType ? `${t.documentType} ${mask(t.documentNumber)}` : "",
    })),
    phone: mask(draft.contact.phone.replace(/\s/g, ""), 4),
    email: draft.contact.email ? mask(draft.contact.email, 6) : "",
  };
}
