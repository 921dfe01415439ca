import { expect, test, type Page } from "@playwright/test";
import type { Locale } from "@/lib/shared/i18n/locales";
import { auditScreen } from "./support/audit";
import { BookingFlow } from "./support/booking-flow";
import { chooseCountry } from "./support/country-steps";
import { fillNameScreen } from "./support/traveler-steps";
import { family } from "./support/people";

// The traveler's questions on a small phone, as people really answer them: every problem at the
// first "Continue", the digits of their own keyboard, a language changed midway, a slipped thumb.
test.use({ viewport: { width: 360, height: 740 } });
// Four screens and axe on each: a busy machine (like a cheap phone) needs the time.
test.setTimeout(120_000);

async function openList(page: Page, locale: Locale) {
  const flow = new BookingFlow(page, locale);
  await page.goto(`/${locale}/book/travelers`);
  await flow.expectPage(flow.m.travelers.title);
  return flow;
}

/** The error summary's lines, as a screen reader reads its links. */
async function summaryLines(flow: BookingFlow) {
  await expect(flow.errorSummary).toBeFocused();
  return flow.errorSummary.getByRole("link").allTextContents();
}

test("one Continue reports every problem of the screen at once (Spanish)", async ({ page }) => {
  const flow = await openList(page, "es");
  const { m } = flow;
  const t = m.traveler;
  await flow.button(m.travelers.addFirst).click();
  await flow.expectPage(t.title);
  // No name, a birth date in the future, no sex: three problems, one press.
  await flow.field(t.dob.day).fill("3");
  await flow.field(t.dob.month).fill("4");
  await flow.field(t.dob.year).fill("2090");
  await flow.continue(t.save);
  const line = (field: string, problem: string) => flow.t("form.fieldProblem", { field, problem });
  expect(await summaryLines(flow)).toEqual([
    line(t.givenNames, m.errors.issues.name_required),
    line(t.dateOfBirth, m.errors.issues.date_in_future),
    line(t.sex, m.errors.issues.invalid_option),
  ]);
  await auditScreen(page, "traveler, name and birth, with errors");

  // Each is said precisely: a day that does not exist in that month; a year of two digits.
  await flow.field(t.dob.day).fill("31");
  await flow.field(t.dob.year).fill("1990");
  await flow.continue(t.save);
  expect(await summaryLines(flow)).toContain(line(t.dateOfBirth, m.errors.issues.date_does_not_exist));
  await flow.field(t.dob.day).fill("15");
  await flow.field(t.dob.year).fill("90");
  await flow.continue(t.save);
  expect(await summaryLines(flow)).toContain(line(t.dateOfBirth, m.errors.issues.year_four_digits));
  await expect(flow.field(t.dob.year)).toHaveAttribute("aria-invalid", "true");
  await expect(flow.field(t.dob.day)).not.toHaveAttribute("aria-invalid", "true");

  // The summary's link takes the person to the box to fix.
  await flow.errorLink(line(t.dateOfBirth, m.errors.issues.year_four_digits)).click();
  await expect(flow.field(t.dob.year)).toBeFocused();
});

test("Arabic-Indic digits are a date; the interview language comes from the nationality; every screen passes axe (Arabic)", async ({ page }) => {
  const flow = await openList(page, "ar");
  const { m } = flow;
  const t = m.traveler;
  const [person] = family("SYR");
  await flow.button(m.travelers.addFirst).click();
  await flow.expectPage(t.title);
  await auditScreen(page, "traveler, name and birth");
  // Arabic-Indic digits, and a two-digit year.
  await fillNameScreen(flow, { ...person, dateOfBirth: ["١٥", "٣", "٩٠"], sex: "F" });
  await flow.continue(t.save);
  expect(await summaryLines(flow)).toEqual([flow.t("form.fieldProblem", { field: t.dateOfBirth, problem: m.errors.issues.year_four_digits })]);
  // Eastern Arabic-Indic (Persian) digits are numbers too.
  await flow.field(t.dob.year).fill("۱۹۹۰");
  await flow.continue(t.save);

  await flow.expectPage(t.screens.origin);
  await expect(page.getByText(`${person.givenNames} ${person.familyNames}`)).toBeVisible();
  await auditScreen(page, "traveler, origin");
  await chooseCountry(flow, t.nationality, "SYR");
  // The country of birth follows the nationality until the person says otherwise: not chosen here.
  await flow.continue(t.save);

  await flow.expectPage(t.screens.document);
  await flow.field(t.documentType).selectOption("passport");
  await flow.continue(t.save);
  expect(await summaryLines(flow)).toEqual([flow.t("form.fieldProblem", { field: t.documentNumber, problem: m.errors.issues.required })]);
  await auditScreen(page, "traveler, document with errors");
  await flow.field(t.documentType).selectOption("");
  await flow.continue(t.save);

  await flow.expectPage(t.screens.language);
  await expect(flow.field(t.preferredLanguage)).toHaveValue("ar");
  await auditScreen(page, "traveler, interview language");
  await flow.continue(t.save);
  await flow.expectPage(m.travelers.title);
  const draft = await flow.draft();
  expect(draft.travelers).toHaveLength(1);
  // The issuing country was offered as the nationality's too.
  expect(draft.travelers[0]).toMatchObject({ nationality: "SYR", countryOfBirth: "SYR", preferredLanguage: "ar", documentType: "", documentCountry: "SYR" });
  expect(draft.travelers[0].dateOfBirth).toEqual({ day: "١٥", month: "٣", year: "۱۹۹۰" });
});

test("the interview language: Creole for a Haitian whatever the phone speaks, asked when there is no usual one (Haitian Creole)", async ({ page }) => {
  const flow = await openList(page, "ht");
  const { m } = flow;
  const t = m.traveler;
  const [haitian, stateless] = [family("HTI")[0], { ...family("HTI")[1], nationality: "XXA", countryOfBirth: "DOM" }];
  await flow.button(m.travelers.addFirst).click();
  await flow.fillTraveler(haitian);
  await expect(flow.field(t.preferredLanguage)).toHaveValue("ht");
  await expect(page.getByText(t.preferredLanguageDefault)).toBeVisible();
  await flow.continue(t.save);
  await flow.expectPage(m.travelers.title);

  await flow.button(m.travelers.addAnother).click();
  await flow.fillTraveler(stateless);
  await expect(flow.field(t.preferredLanguage)).toHaveValue("");
  await flow.continue(t.save);
  expect(await summaryLines(flow)).toEqual([flow.t("form.fieldProblem", { field: t.preferredLanguage, problem: m.errors.issues.invalid_language })]);
  await flow.field(t.preferredLanguage).selectOption("es");
  await flow.continue(t.save);
  await flow.expectPage(m.travelers.title);
  expect((await flow.draft()).travelers.map((x) => x.preferredLanguage)).toEqual(["ht", "es"]);
});

test("changing language keeps what was typed, and Back keeps the answers (Haitian Creole → Spanish)", async ({ page }) => {
  const flow = await openList(page, "ht");
  const t = flow.m.traveler;
  const [person] = family("HND");
  await flow.button(flow.m.travelers.addFirst).click();
  await flow.expectPage(t.title);
  await flow.field(t.givenNames).fill(person.givenNames);
  await flow.field(t.familyNames).fill(person.familyNames);
  await flow.field(t.dob.day).fill("17");
  // Straight to the language menu, without a pause.
  await page.getByRole("banner").getByRole("combobox").selectOption("es");

  const es = new BookingFlow(page, "es");
  await es.expectPage(es.m.traveler.title);
  await expect(page).toHaveURL(/\/es\/book\/traveler\?id=/);
  await expect(es.field(es.m.traveler.givenNames)).toHaveValue(person.givenNames);
  await expect(es.field(es.m.traveler.familyNames)).toHaveValue(person.familyNames);
  await expect(es.field(es.m.traveler.dob.day)).toHaveValue("17");

  // On to the next screen, then its Back link: the first screen's answers are all there.
  await es.field(es.m.traveler.dob.month).fill("5");
  await es.field(es.m.traveler.dob.year).fill("1990");
  await es.field(es.m.traveler.sexOptions.F).check();
  await es.continue(es.m.traveler.save);
  await es.expectPage(es.m.traveler.screens.origin);
  await es.link(es.m.traveler.backStep).click();
  await es.expectPage(es.m.traveler.title);
  await expect(es.field(es.m.traveler.givenNames)).toHaveValue(person.givenNames);
  await expect(es.field(es.m.traveler.dob.year)).toHaveValue("1990");
  await expect(es.field(es.m.traveler.sexOptions.F)).toBeChecked();
});

test("Add then Back leaves no empty traveler; removing someone asks first (Spanish)", async ({ page }) => {
  const flow = await openList(page, "es");
  const { m } = flow;
  await flow.button(m.travelers.addFirst).click();
  await flow.expectPage(m.traveler.title);
  await flow.link(m.traveler.back).click();
  await flow.expectPage(m.travelers.title);
  await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(0);
  await expect(flow.button(m.travelers.addFirst)).toBeVisible();
  expect((await flow.draft())?.travelers ?? []).toEqual([]);

  const [person] = family("HND");
  const name = `${person.givenNames} ${person.familyNames}`;
  await flow.addTraveler(person, true);
  const remove = page.getByRole("button", { name: `${m.travelers.remove} ${name}` });
  await remove.click();
  const question = page.getByText(flow.t("travelers.removeQuestion", { name }));
  await expect(question).toBeFocused();
  await auditScreen(page, "travelers, remove confirmation");
  await flow.button(m.travelers.removeCancel).click();
  await expect(remove).toBeFocused();
  await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(1);

  await remove.click();
  await flow.button(m.travelers.removeConfirm).click();
  await expect(page.getByRole("status").filter({ hasText: flow.t("travelers.removed", { name }) })).toBeVisible();
  await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(0);
  await expect(flow.button(m.travelers.addFirst)).toBeFocused();
  expect((await flow.draft()).travelers).toEqual([]);
});
