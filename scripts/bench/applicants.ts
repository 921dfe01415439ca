/**
 * Made-up applications. Every traveler must be a new person: the server allows one active
 * appointment per person (same normalized names, date of birth and nationality), so a repeated
 * name would turn a booking into 409 traveler_already_booked and the burst would measure the
 * wrong thing. Names are letters only (the name schema refuses digits), so the counter that
 * guarantees uniqueness is spelled in syllables.
 */

const SYLLABLES = [
  "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu",
  "na", "pe", "ri", "so", "tu", "va", "xe", "yi", "zo", "ru",
];
const NATIONALITIES = ["HND", "HTI", "VEN", "GTM", "SLV", "NIC", "CUB", "COL"];
const LANGUAGES: Record<string, string> = { HTI: "ht", HND: "es", VEN: "es", GTM: "es", SLV: "es", NIC: "es", CUB: "es", COL: "es" };
const SEXES = ["F", "M", "X"] as const;

// The attestation ids the server requires by default (PUERTA_ATTESTATIONS).
const ATTESTATIONS = ["in_mexico", "information_true", "appointment_free"];
// Tijuana: inside the default eligible area (Mexico north of the 19th parallel).
const TIJUANA = { latitude: 32.51, longitude: -117.04, accuracy: 25 };

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

function randomWord(syllables: number): string {
  return capitalize(Array.from({ length: syllables }, () => pick(SYLLABLES)).join(""));
}

/** A counter written in syllables (base 20): distinct numbers give distinct words. */
function spell(n: number): string {
  let word = "";
  do {
    word = SYLLABLES[n % SYLLABLES.length] + word;
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return capitalize(word);
}

function randomDateOfBirth(): string {
  const year = 1950 + Math.floor(Math.random() * 70);
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28); // every month has a 28th
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

let travelerCounter = 0;
// A per-run prefix: two runs against one database (or a server restarted mid-run) never collide.
const runPrefix = randomWord(2);

export function applicationJson(portId: string, slotId: string, travelers: number): string {
  const family = randomWord(2);
  const nationality = pick(NATIONALITIES);
  return JSON.stringify({
    portId,
    slotId,
    locale: "es",
    travelers: Array.from({ length: travelers }, () => ({
      givenNames: `${randomWord(2)} ${runPrefix}${spell(travelerCounter++).toLowerCase()}`,
      familyNames: family,
      dateOfBirth: randomDateOfBirth(),
      sex: pick(SEXES),
      nationality,
      countryOfBirth: nationality,
      preferredLanguage: LANGUAGES[nationality],
    })),
    attestations: ATTESTATIONS,
    // Captured "now": the server refuses readings older than LOCATION_MAX_AGE_HOURS.
    location: { ...TIJUANA, capturedAt: new Date().toISOString() },
  });
}
