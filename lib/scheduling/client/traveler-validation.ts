import "client-only";
import { keyForIssue } from "@/lib/shared/errors/zod-issues";
import { travelerSchema } from "@/lib/shared/schemas/application";
import { isoDate, travelerInput, type TravelerDraft } from "./draft";

/** A problem with one form field: the field's id and the message key (under `errors.issues`). */
export type FieldProblem = { field: string; key: string; values?: Record<string, string | number> };

// API paths → the form's fields (the date of birth is three inputs; errors go to the first).
const FIELD_FOR_PATH: Record<string, string> = {
  dateOfBirth: "dateOfBirth.day",
  "document.type": "documentType",
  "document.number": "documentNumber",
  "document.country": "documentCountry",
};

/**
 * Checks a traveler with the very schema the server uses, plus the date of birth not in the
 * future (the server's rule, with the device's today).
 */
export function validateTraveler(traveler: TravelerDraft, today: string): FieldProblem[] {
  const result = travelerSchema.safeParse(travelerInput(traveler), { reportInput: true });
  const problems: FieldProblem[] = result.success
    ? []
    : result.error.issues.map((issue) => {
        const path = issue.path.join(".");
        return { field: FIELD_FOR_PATH[path] ?? path, ...keyForIssue(issue) };
      });
  const dob = isoDate(traveler.dateOfBirth);
  if (result.success && dob > today) problems.push({ field: "dateOfBirth.day", key: "date_in_future" });
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}
