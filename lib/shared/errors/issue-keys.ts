/** Keys a schema may name as its custom message; each has a message under `errors.issues`. */
const issueKeys = [
  "required",
  "invalid_type",
  "invalid_value",
  "invalid_option",
  "invalid_format",
  "too_long",
  "too_short",
  "too_many",
  "too_few",
  "too_large",
  "too_small",
  "invalid_characters",
  "name_required",
  "invalid_date",
  "date_in_future",
  "date_too_early",
  "invalid_datetime",
  "invalid_country",
  "invalid_language",
  "invalid_document_number",
  "invalid_phone",
  "invalid_email",
  "attestation_missing",
  "location_too_old",
  "location_in_future",
  "duplicate_traveler",
  "slot_required",
  "slot_not_applicable",
  "photo_missing",
  "photo_not_an_image",
  "photo_too_large",
  "photo_too_many_pixels",
  "photo_undecodable",
  "already_booked",
  "invalid_json",
  // Control characters or half a surrogate pair: text no field may hold (see schemas/application.ts).
  "unreadable_characters",
  // JSON nested deeper than any honest client sends (see lib/server/http/json-depth.ts).
  "nested_too_deeply",
] as const;

export type IssueKey = (typeof issueKeys)[number];
const known: ReadonlySet<string> = new Set(issueKeys);

export function isIssueKey(value: string): value is IssueKey {
  return known.has(value);
}
