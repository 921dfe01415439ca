import { expect, test, type Locator, type Page } from "@playwright/test";
import type { Locale } from "@/lib/shared/i18n/locales";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";

// A small phone held upright. The camera is Chromium's fake one (see playwright.config.ts).
const PHONE = { width: 360, height: 740 };
test.use({ viewport: PHONE });

/** Where `target` is on the screen as it is now, nothing scrolled for it (boundingBox never scrolls). */
async function onScreen(page: Page, target: Locator) {
  const box = await target.boundingBox();
  expect(box, "drawn").not.toBeNull();
  const { width, height } = page.viewportSize()!;
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height + 0.5);
  return box!;
}

/** The shutter can be pressed where it is: on the screen, a large target, and beside the picture, not over the face guide. */
async function expectShutterAtHand(page: Page, flow: BookingFlow) {
  const shutter = await onScreen(page, flow.button(flow.m.photo.takePhoto));
  expect(Math.min(shutter.width, shutter.height)).toBeGreaterThanOrEqual(44);
  const picture = await page.getByRole("dialog").locator("video").boundingBox();
  const apart =
    shutter.y >= picture!.y + picture!.height - 0.5 || shutter.x >= picture!.x + picture!.width - 0.5 || shutter.x + shutter.width <= picture!.x + 0.5;
  expect(apart, "the shutter does not cover the picture").toBe(true);
  await onScreen(page, flow.button(flow.m.photo.closeCamera));
  await onScreen(page, flow.fileChoice(flow.m.photo.choosePhoto).locator("xpath=.."));
}

/** To the photos step with `count` travelers; their names as the step shows them. */
async function toPhotos(page: Page, locale: Locale, count: number) {
  const flow = new BookingFlow(page, locale);
  const people = family("HND").slice(0, count);
  await flow.start();
  await flow.eligibility();
  await flow.travelers(people);
  await flow.contact();
  return { flow, names: people.map((person) => `${person.givenNames} ${person.familyNames}`) };
}

/** One traveler's part of the photos step, found by its heading (the error summary names them too). */
const travelerItem = (page: Page, name: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });

for (const locale of ["es", "ar"] as const satisfies Locale[]) {
  test(`${locale}: once the camera is open the shutter is at hand, upright and sideways, and works from the keyboard`, async ({ page, context }) => {
    test.setTimeout(120_000);
    await placeAt(context, TIJUANA);
    const { flow, names: [name] } = await toPhotos(page, locale, 1);
    const p = flow.m.photo;

    await flow.openCamera();
    // The camera takes the whole screen, as a dialog named by its heading, which has the focus.
    const camera = page.getByRole("dialog", { name: flow.t("photo.cameraTitle", { name }) });
    await expect(camera).toBeVisible();
    await expect(camera.getByRole("heading")).toBeFocused();
    await expectShutterAtHand(page, flow);
    await auditScreen(page, `${locale}: camera open, ${PHONE.width}×${PHONE.height}`);

    // Sideways, the controls move beside the picture and stay on the screen.
    await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
    await expectShutterAtHand(page, flow);
    await page.setViewportSize(PHONE);

    // Escape (Android's back gesture too) closes the camera; the focus goes back to the step.
    await page.keyboard.press("Escape");
    await expect(camera).toHaveCount(0);
    await expect(page.getByRole("heading", { name: flow.t("photo.title", { name }) })).toBeFocused();

    // Keyboard alone: from the camera's heading the next stop is the shutter.
    await flow.activate(flow.button(p.openCamera));
    await expect(flow.button(p.takePhoto)).toBeVisible();
    await expect(camera.getByRole("heading")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(flow.button(p.takePhoto)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(flow.usePhotoButton).toBeVisible({ timeout: 20_000 });
    await expect(camera).toHaveCount(0);
  });
}

test("es: a missing photo's error goes away as soon as that photo is there, the others stay", async ({ page, context }) => {
  test.setTimeout(120_000);
  await placeAt(context, TIJUANA);
  const { flow, names } = await toPhotos(page, "es", 2);
  const { m } = flow;
  const missing = names.map((name) => flow.t("photos.missing", { name }));

  // The first traveler's capture is open; "Continue" with no photo at all reports both.
  await flow.continue(m.photos.continue);
  await expect(flow.errorSummary).toBeFocused();
  for (const message of missing) await expect(flow.errorLink(message)).toBeVisible();
  // Each one is also said beside its traveler.
  await expect(travelerItem(page, names[0]).getByText(missing[0], { exact: true })).toBeVisible();

  await flow.openCamera();
  await flow.button(m.photo.takePhoto).click();
  await flow.usePhotoButton.click({ timeout: 20_000 });
  // Fixed: gone from the summary and from beside the traveler. The other one is still there, and
  // the focus is on the traveler whose photo is next.
  await expect(page.getByText(missing[0], { exact: true })).toHaveCount(0);
  await expect(flow.errorLink(missing[1])).toBeVisible();
  await expect(travelerItem(page, names[1])).toBeFocused();

  await flow.openCamera();
  await flow.button(m.photo.takePhoto).click();
  await flow.usePhotoButton.click({ timeout: 20_000 });
  // All fixed: no summary left, and the focus is on "Continue".
  await expect(flow.errorSummary).toHaveCount(0);
  await expect(page.getByText(missing[1], { exact: true })).toHaveCount(0);
  await expect(flow.button(m.photos.continue)).toBeFocused();
  await flow.continue(m.photos.continue);
  await flow.expectPage(m.port.title);
});

test("ar: a camera that was busy and then opens leaves no error behind", async ({ page, context }) => {
  // The first request finds the camera taken by another app (a call); the next one gets it.
  await page.addInitScript(() => {
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    let calls = 0;
    navigator.mediaDevices.getUserMedia = (constraints) =>
      ++calls === 1 ? Promise.reject(new DOMException("busy", "NotReadableError")) : real(constraints);
  });
  await placeAt(context, TIJUANA);
  const { flow } = await toPhotos(page, "ar", 1);
  const p = flow.m.photo;
  const busy = page.getByRole("alert").filter({ hasText: p.cameraErrors.in_use });

  await flow.button(p.openCamera).click();
  await expect(busy).toBeVisible();
  await flow.button(p.tryCameraAgain).click();
  await expect(flow.button(p.takePhoto)).toBeVisible();
  await expect(page.getByRole("dialog").getByRole("heading")).toBeFocused();
  await expect(busy).toHaveCount(0);
  await expectShutterAtHand(page, flow);
});
