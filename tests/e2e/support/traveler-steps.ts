import type { BookingFlow, TravelerAnswers } from "./booking-flow";
import { chooseCountry } from "./country-steps";

/**
 * Fills one traveler's answers as a person with a pointer does, screen by screen: names, date of
 * birth and sex; nationality and country of birth; the document skipped (its one-tap "Continue").
 * It stops on the last screen, the interview language (offered from the nationality), so the
 * caller presses its "Continue" (`traveler.save`) as the one that goes back to the list.
 */
export async function fillTraveler(flow: BookingFlow, answers: TravelerAnswers) {
  const t = flow.m.traveler;
  await fillNameScreen(flow, answers);
  await flow.continue(t.save);
  await flow.expectPage(t.screens.origin);
  await chooseCountry(flow, t.nationality, answers.nationality);
  // Choosing the nationality fills in the country of birth: only a different one is chosen.
  if (answers.countryOfBirth !== answers.nationality) await chooseCountry(flow, t.countryOfBirth, answers.countryOfBirth);
  await flow.continue(t.save);
  await flow.expectPage(t.screens.document);
  await flow.continue(t.save);
  await flow.expectPage(t.screens.language);
}

/** The first screen's answers (names, date of birth as typed, sex), without its "Continue". */
export async function fillNameScreen(flow: BookingFlow, answers: Pick<TravelerAnswers, "givenNames" | "familyNames" | "dateOfBirth" | "sex">) {
  const t = flow.m.traveler;
  await flow.field(t.givenNames).fill(answers.givenNames);
  await flow.field(t.familyNames).fill(answers.familyNames);
  await flow.field(t.dob.day).fill(answers.dateOfBirth[0]);
  await flow.field(t.dob.month).fill(answers.dateOfBirth[1]);
  await flow.field(t.dob.year).fill(answers.dateOfBirth[2]);
  await flow.field(t.sexOptions[answers.sex]).check();
}

/** "Add a traveler" (or "Add another"), the traveler's answers, back to the list. */
export async function addTraveler(flow: BookingFlow, answers: TravelerAnswers, first: boolean) {
  await flow.button(first ? flow.m.travelers.addFirst : flow.m.travelers.addAnother).click();
  await flow.expectPage(flow.m.traveler.title);
  await fillTraveler(flow, answers);
  await flow.continue(flow.m.traveler.save);
  await flow.expectPage(flow.m.travelers.title);
}
