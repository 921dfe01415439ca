import { randomBytes } from "node:crypto";
import type { TravelerAnswers } from "./booking-flow";

const SYLLABLES = ["ma", "ri", "lo", "sa", "te", "no", "ga", "bi", "lu", "pe", "ra", "so", "di", "ca", "mi", "ne"];

/** A name nobody else in the database has: one active appointment per person spans all tests. */
function uniqueWord(): string {
  const word = Array.from(randomBytes(5), (b) => SYLLABLES[b % SYLLABLES.length]).join("");
  return word[0].toUpperCase() + word.slice(1);
}

export function family(nationality = "HND"): TravelerAnswers[] {
  const familyName = `Pérez ${uniqueWord()}`;
  return [
    { givenNames: `María ${uniqueWord()}`, familyNames: familyName, dateOfBirth: ["17", "5", "1990"], sex: "F", nationality, countryOfBirth: nationality },
    { givenNames: `José ${uniqueWord()}`, familyNames: familyName, dateOfBirth: ["3", "11", "1987"], sex: "M", nationality, countryOfBirth: nationality },
    { givenNames: `Ana ${uniqueWord()}`, familyNames: familyName, dateOfBirth: ["28", "2", "2016"], sex: "F", nationality, countryOfBirth: "MEX" },
  ];
}

/** `count` unrelated adults, each a new person to the server. */
export function strangers(count: number, nationality = "GTM"): TravelerAnswers[] {
  return Array.from({ length: count }, () => ({
    givenNames: `Luis ${uniqueWord()}`,
    familyNames: `Gómez ${uniqueWord()}`,
    dateOfBirth: ["9", "4", "1984"],
    sex: "M",
    nationality,
    countryOfBirth: nationality,
  }));
}
