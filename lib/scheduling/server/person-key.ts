import "server-only";
/**
 * Who counts as "the same person" for the one-active-appointment rule: the same names once case,
 * accents, punctuation and spacing are set aside, the same date of birth and nationality.
 * "JOSÉ  María" and "jose maria", "Jean-Baptiste" and "Jean Baptiste" are one person.
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\p{P}\p{Zs}\s]+/gu, " ")
    .trim();
}

export function personIdentity(traveler: {
  givenNames: string;
  familyNames: string;
  dateOfBirth: string;
  nationality: string;
}): string {
  return [
    normalizeName(traveler.givenNames),
    normalizeName(traveler.familyNames),
    traveler.dateOfBirth,
    traveler.nationality,
  ].join("|");
}
