import { expect, test } from "@playwright/test";
import type { Locale } from "@/lib/shared/i18n/locales";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";

// Every screen of the flow, in a left-to-right language, a right-to-left one and Haitian Creole
// (long words), checked as it is shown: with errors, with the camera open, with a day chosen…
for (const locale of ["en", "ar", "ht"] as const satisfies Locale[]) {
  test(`every screen in ${locale}: no axe violations, no sideways scroll at 320 px, large targets`, async ({ page, context }) => {
    test.setTimeout(120_000);
    await placeAt(context, TIJUANA);
    const flow = new BookingFlow(page, locale);
    const { m } = flow;
    const [person] = family("HTI");

    await page.goto(`/${locale}`);
    await flow.expectPage(m.start.title);
    await auditScreen(page, "start");

    await flow.beginLink.click();
    await flow.expectPage(m.eligibility.title);
    await auditScreen(page, "eligibility");
    await flow.continue(m.eligibility.continue);
    await expect(flow.errorSummary).toBeFocused();
    await auditScreen(page, "eligibility with errors");
    await flow.eligibility();
    await auditScreen(page, "travelers, none yet");

    await flow.button(m.travelers.addFirst).click();
    await flow.expectPage(m.traveler.title);
    await auditScreen(page, "traveler form");
    await flow.continue(m.traveler.save);
    await expect(flow.errorSummary).toBeFocused();
    await auditScreen(page, "traveler form with errors");
    await flow.fillTraveler(person);
    await flow.continue(m.traveler.save);
    await flow.expectPage(m.travelers.title);
    await auditScreen(page, "travelers, one");

    await flow.continue(m.travelers.continue);
    await flow.expectPage(m.contact.title);
    await auditScreen(page, "contact");
    await flow.contact();

    await expect(flow.button(m.photo.openCamera)).toBeVisible();
    await auditScreen(page, "photos");
    await flow.openCamera();
    await auditScreen(page, "photos, camera open");
    await flow.button(m.photo.takePhoto).click();
    // Preparing a photo (scaled, compressed and checked on the device) takes seconds on a slow or
    // busy machine, as on a cheap phone: the page says so meanwhile, and the review follows.
    await expect(flow.usePhotoButton).toBeVisible({ timeout: 20_000 });
    await auditScreen(page, "photos, review");
    await flow.usePhotoButton.click();
    await expect(page.getByText(m.photos.done)).toBeVisible();

    await flow.continue(m.photos.continue);
    await flow.expectPage(m.port.title);
    await flow.portRadio(/San Ysidro/).check();
    await flow.dayButtons.first().click();
    await expect(flow.timeRadios.first()).toBeVisible();
    await auditScreen(page, "port, a day chosen");
    await flow.timeRadios.first().check();
    await flow.continue(m.port.continue);
    await flow.expectPage(m.check.title);
    await auditScreen(page, "check your answers");

    await flow.send();
    await auditScreen(page, "done");

    await flow.openMyAppointment();
    await expect(page.getByText(m.appointment.status.confirmed)).toBeVisible();
    await auditScreen(page, "my appointment");
    await flow.button(m.appointment.actions.cancel).click();
    await expect(page.getByText(m.appointment.actions.cancelQuestion)).toBeFocused();
    await auditScreen(page, "my appointment, cancel confirmation");
  });
}
