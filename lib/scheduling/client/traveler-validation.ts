import "client-only";
import { keyForIssue } from "@/lib/shared/errors/zod-issues";
import { travelerSchema } from "@/lib/shared/schemas/application";
import { asciiDigits } from "@/lib/shared/text/digits";
import { isCalendarDate } from "@/lib/shared/time/dates";
import { travelerInput, type DateParts, type TravelerDraft } from "./draft";

/** A problem with one form field: the field's id and the message key (under `errors.issues`). */
export type FieldProblem = { field: string; key: string; values?: Record<string, string | number> };

// API paths → the form's fields (the date of birth is three inputs, checked apart below).
const FIELD_FOR_PATH: Record<string, string> = {
  "document.type": "documentType",
  "document.number": "documentNumber",
  "document.country": "documentCountry",
};

const EARLIEST_YEAR = 1900;
const PARTS = ["day", "month", "year"] as const;
type Part = (typeof PARTS)[number];

/**
 * What is wrong with a date of birth as typed, precisely enough to fix it ("write the year with 4
 * digits"), and which of its three boxes are wrong; null when it is a real past date. Digits of
 * any system the person's keyboard types count (lib/shared/text/digits.ts).
 */
export function dateOfBirthProblem(date: DateParts, today: string): { key: string; parts: Part[]; values?: Record<string, number> } | null {
  const typed = { day: asciiDigits(date.day).trim(), month: asciiDigits(date.month).trim(), year: asciiDigits(date.year).trim() };
  const blank = PARTS.filter((p) => typed[p] === "");
  if (blank.length > 0) return { key: "date_incomplete", parts: blank };
  const notNumbers = PARTS.filter((p) => !/^[0-9]+$/.test(typed[p]));
  if (notNumbers.length > 0) return { key: "date_not_numbers", parts: notNumbers };
  if (typed.year.length !== 4) return { key: "year_four_digits", parts: ["year"] };
  const [day, month, year] = [Number(typed.day), Number(typed.month), Number(typed.year)];
  if (day < 1 || day > 31) return { key: "day_out_of_range", parts: ["day"] };
  if (month < 1 || month > 12) return { key: "month_out_of_range", parts: ["month"] };
  if (year < EARLIEST_YEAR) return { key: "year_too_early", parts: ["year"], values: { min: EARLIEST_YEAR } };
  const iso = `${typed.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!isCalendarDate(iso)) return { key: "date_does_not_exist", parts: ["day", "month"] };
  if (iso > today) return { key: "date_in_future", parts: [...PARTS] };
  return null;
}

/**
 * Every problem of a traveler at once, so a screen reports all of its own at the first try: the
 * very schema the server uses (its checks all run, see travelerSchema), with the date of birth
 * read from its three boxes first, plus the form's own questions (a document number needs its
 * type; the interview language is asked, not left blank). `today` is the device's date.
 */
export function validateTraveler(traveler: TravelerDraft, today: string): FieldProblem[] {
  const result = travelerSchema.safeParse(travelerInput(traveler), { reportInput: true });
  const schemaProblems: FieldProblem[] = result.success
    ? []
    : result.error.issues.map((issue) => {
        const path = issue.path.join(".");
        return { field: FIELD_FOR_PATH[path] ?? path, ...keyForIssue(issue) };
      });
  const date = dateOfBirthProblem(traveler.dateOfBirth, today);
  const problems: FieldProblem[] = [
    ...schemaProblems.filter((p) => p.field !== "dateOfBirth"),
    // One message for the date, repeated on each box it concerns (each is marked as wrong).
    ...(date ? date.parts.map((part) => ({ field: `dateOfBirth.${part}`, key: date.key, values: date.values })) : []),
  ];
  // The schema's own verdict on the date, should the boxes pass and it still refuse (it must not).
  const schemaDate = schemaProblems.find((p) => p.field === "dateOfBirth");
  if (!date && schemaDate) problems.push({ ...schemaDate, field: "dateOfBirth.day" });
  if (!traveler.documentType && traveler.documentNumber.trim() !== "") problems.push({ field: "documentType", key: "invalid_option" });
  if (!traveler.preferredLanguage) problems.push({ field: "preferredLanguage", key: "invalid_language" });
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}
