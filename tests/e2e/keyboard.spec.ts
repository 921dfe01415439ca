import { expect, test } from "@playwright/test";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { countryBox } from "./support/country-steps";
import { family } from "./support/people";
import { changeDayButton, timeQuestion } from "./support/port-steps";

// The whole booking without a pointer: Tab and Shift+Tab to move, Space and Enter to act, arrow
// keys inside radio groups and selects, typing for text. No click(), no fill().
test("the whole booking with the keyboard alone, the focus always visible", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "en");
  const { m } = flow;
  const keys = page.keyboard;
  const person = { ...family("HND")[1] }; // José: sex "M", chosen with an arrow key

  await page.goto("/en");
  await flow.tabTo(flow.beginLink);
  await flow.expectFocusVisible();
  await keys.press("Enter");
  await flow.expectPage(m.eligibility.title);

  // Eligibility: Space ticks each box; Enter on the button checks the location.
  for (const id of ["in_mexico", "information_true", "appointment_free"] as const) {
    await flow.activate(flow.attestation(id), "Space");
    await expect(flow.attestation(id)).toBeChecked();
  }
  await flow.expectFocusVisible();
  await flow.activate(flow.locationButton);
  await expect(flow.locationVerdict(m.eligibility.location.inside)).toBeVisible();
  await flow.activate(flow.button(m.eligibility.continue));
  await flow.expectPage(m.travelers.title);

  await flow.activate(flow.button(m.travelers.addFirst));
  await flow.expectPage(m.traveler.title);

  // The traveler: typing, Shift+Tab back to check, arrow keys for the radio group and the selects.
  const t = m.traveler;
  await flow.tabTo(flow.field(t.givenNames));
  await flow.expectFocusVisible();
  await keys.type(person.givenNames);
  await keys.press("Tab");
  await expect(flow.field(t.familyNames)).toBeFocused();
  await keys.type(person.familyNames);
  await flow.tabTo(flow.field(t.givenNames), { backwards: true });
  await expect(flow.field(t.givenNames)).toHaveValue(person.givenNames);
  for (const [i, part] of [t.dob.day, t.dob.month, t.dob.year].entries()) {
    await flow.tabTo(flow.field(part));
    await keys.type(person.dateOfBirth[i]);
  }
  await flow.tabTo(flow.field(t.sexOptions.F));
  await keys.press("ArrowDown");
  await expect(flow.field(t.sexOptions.M)).toBeChecked();
  await expect(flow.field(t.sexOptions.M)).toBeFocused();
  await flow.activate(flow.button(t.save));
  await flow.expectPage(t.screens.origin);
  // The country boxes are comboboxes: typing narrows the list, an arrow key moves into it, Enter
  // chooses, and the focus stays in the box throughout.
  // The country of birth follows the nationality unless changed: only the nationality is typed.
  for (const label of [t.nationality]) {
    const box = countryBox(flow, label);
    await flow.tabTo(box);
    await flow.expectFocusVisible();
    await keys.type("Hondu");
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await keys.press("ArrowDown");
    await expect(box).toHaveAttribute("aria-activedescendant", `${await box.getAttribute("id")}-option-HND`);
    await keys.press("Enter");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toBeFocused();
    await expect(box).toHaveValue("Honduras");
  }
  await expect(countryBox(flow, t.countryOfBirth)).toHaveValue("Honduras");
  await flow.activate(flow.button(t.save));
  await flow.expectPage(t.screens.document);
  await flow.activate(flow.button(t.save));
  await flow.expectPage(t.screens.language);
  await expect(flow.field(t.preferredLanguage)).toHaveValue("es");
  await flow.activate(flow.button(t.save));
  await flow.expectPage(m.travelers.title);
  const name = `${person.givenNames} ${person.familyNames}`;
  await flow.tabTo(flow.changeLink(name, m.travelers.change));
  await flow.expectFocusVisible();
  await flow.activate(flow.button(m.travelers.continue));
  await flow.expectPage(m.contact.title);

  // Contact: Enter in a field sends the form, as in any web form.
  await flow.tabTo(flow.field(m.contact.phone, { optional: true }));
  await keys.type("+52 664 555 0199");
  await keys.press("Enter");
  await flow.expectPage(m.photos.title);

  // The photo with the camera: after each view change the focus is on its heading, and goes on from there.
  const p = m.photo;
  await flow.activate(flow.button(p.openCamera));
  await expect(flow.button(p.takePhoto)).toBeVisible();
  await flow.activate(flow.button(p.takePhoto));
  await expect(flow.usePhotoButton).toBeVisible();
  await flow.tabTo(flow.usePhotoButton);
  await flow.expectFocusVisible();
  await keys.press("Enter");
  await expect(page.getByText(m.photos.done)).toBeVisible();
  await flow.activate(flow.button(m.photos.continue));
  await flow.expectPage(m.port.title);

  // Port: into the radio group with Tab, along it with the arrow keys (nearest first: El Paso is
  // fourth from Tijuana); a day with Enter, then the time question takes the focus; a time with Space.
  await flow.tabTo(flow.portRadios.first());
  await keys.press("Space");
  const elPaso = flow.portRadio(/El Paso/);
  for (let i = 0; i < 8 && !(await elPaso.isChecked()); i++) await keys.press("ArrowDown");
  await expect(elPaso).toBeChecked();
  await flow.expectFocusVisible();
  await flow.activate(flow.dayButtons.first());
  await expect(timeQuestion(flow)).toBeFocused();
  await flow.expectFocusVisible();
  // "Change the day" brings the days back with the focus on the chosen one; Enter on it goes on.
  await flow.activate(changeDayButton(flow));
  await expect(flow.dayButtons.first()).toBeFocused();
  await expect(flow.dayButtons.first()).toHaveAttribute("aria-pressed", "true");
  await keys.press("Enter");
  await expect(timeQuestion(flow)).toBeFocused();
  await flow.activate(flow.timeRadios.first(), "Space");
  await expect(flow.timeRadios.first()).toBeChecked();
  await flow.activate(flow.button(m.port.continue));
  await flow.expectPage(m.check.title);

  // Shift+Tab from Send reaches the last "Change" link: links show the same ring as buttons.
  await flow.tabTo(flow.button(m.check.send));
  await flow.expectFocusVisible();
  await keys.press("Shift+Tab");
  await expect(flow.changeLink(m.check.time)).toBeFocused();
  await flow.expectFocusVisible();
  await keys.press("Tab");
  await expect(flow.button(m.check.send)).toBeFocused();
  await keys.press("Enter");
  await flow.expectPage(m.done.title);
  await flow.confirmationCode();
});
