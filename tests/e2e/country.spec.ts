import { expect, test } from "@playwright/test";
import { regionName } from "@/lib/shared/i18n/display-names";
import type { Locale } from "@/lib/shared/i18n/locales";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { countryBox, countryOptions } from "./support/country-steps";
import { family } from "./support/people";

test.use({ viewport: { width: 360, height: 740 } });
// Each screen is audited (axe, reflow, targets): seconds apiece on a busy machine.
test.describe.configure({ timeout: 180_000 });

/** From the start to the traveler's nationality, whichever screen of the traveler's questions asks it. */
async function toNationality(flow: BookingFlow) {
  const t = flow.m.traveler;
  await flow.start();
  await flow.eligibility();
  await flow.button(flow.m.travelers.addFirst).click();
  await flow.expectPage(t.title);
  const box = countryBox(flow, t.nationality);
  if (!(await box.isVisible())) {
    // The traveler's questions come over several screens: the names first.
    const person = family()[0];
    await flow.field(t.givenNames).fill(person.givenNames);
    await flow.field(t.familyNames).fill(person.familyNames);
    for (const [i, part] of [t.dob.day, t.dob.month, t.dob.year].entries()) await flow.field(part).fill(person.dateOfBirth[i]);
    await flow.field(t.sexOptions.F).check();
    await flow.button(t.save).click();
  }
  await expect(box).toBeVisible();
  return box;
}

// The error summary links each problem to its field: a chosen nationality has none.
const nationalityError = (flow: BookingFlow) => flow.page.locator('[role="alert"] a[href="#nationality"]');

const typed: [Locale, string][] = [
  ["es", "Honduras"],
  ["ht", "honduras"],
  ["ar", "HND"],
];

for (const [locale, text] of typed) {
  test(`${locale}: typing "${text}" then Continue chooses Honduras`, async ({ page, context }) => {
    await placeAt(context, TIJUANA);
    const flow = new BookingFlow(page, locale);
    const box = await toNationality(flow);
    const chosen = countryOptions(flow, flow.m.traveler.nationality).and(page.getByRole("option", { selected: true }));
    // A letter too many names no country: nothing is chosen, and the field says so.
    await box.pressSequentially(`${text}x`);
    await expect(page.getByText(flow.m.countrySelect.noMatch)).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(chosen).toHaveCount(0);
    await auditScreen(page, `${locale}: no country matches`);
    // Corrected, the exact name (or code) chooses; the list marks it, nothing else needs pressing.
    await box.press("Backspace");
    await expect(chosen).toHaveCount(1);
    await auditScreen(page, `${locale}: country list open`);
    const question = (await flow.heading.textContent())!;
    await flow.button(flow.m.traveler.save).click();
    // Either the next screen, or this one with the other answers missing: never the nationality.
    await expect(flow.errorSummary.or(flow.heading.filter({ hasNotText: question }))).toBeVisible();
    await expect(nationalityError(flow)).toHaveCount(0);
    if (await box.isVisible()) await expect(box).toHaveValue(regionName(locale, "HN"));
  });
}

test("the keyboard alone: type, arrows, Enter, Escape, in Arabic (right to left)", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ar");
  const box = await toNationality(flow);
  const keys = page.keyboard;
  await flow.tabTo(box);
  await flow.expectFocusVisible();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  // Alt+ArrowDown opens the list without moving into it; ArrowDown moves, Escape closes.
  await keys.press("Alt+ArrowDown");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expect(box).not.toHaveAttribute("aria-activedescendant", /./);
  await keys.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");

  await keys.type("هندو");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await keys.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", "nationality-option-HND");
  const active = page.locator("#nationality-option-HND");
  await expect(active).toBeInViewport();
  // The option in the list is at least 44 px high, for a finger.
  expect((await active.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await keys.press("Enter");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(regionName("ar", "HN"));
  // Escape on a closed list empties the box.
  await keys.press("Escape");
  await expect(box).toHaveValue("");
});

test("a finger: a tap opens the whole list, a tap on a country chooses it", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  const box = await toNationality(flow);
  await box.click();
  const options = countryOptions(flow, flow.m.traveler.nationality);
  expect(await options.count()).toBeGreaterThan(240);
  await box.pressSequentially("guate");
  await options.filter({ hasText: "Guatemala" }).click();
  await expect(box).toHaveValue("Guatemala");
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute("aria-expanded", "false");
});
