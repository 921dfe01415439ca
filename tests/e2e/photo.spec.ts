import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";
import { jpegFile } from "./support/photos";

test("camera denied: the page says so in the person's language, and a chosen photo finishes the booking", async ({ page, context }) => {
  // As when the person refused the camera prompt, or blocked the camera for this site before.
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
  });
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "pt");
  const p = flow.m.photo;
  const [person] = family("VEN");
  await flow.start();
  await flow.eligibility();
  await flow.travelers([person]);
  await flow.contact();

  await flow.button(p.openCamera).click();
  await expect(page.getByRole("alert").filter({ hasText: p.cameraErrors.denied })).toBeVisible();
  // Every way forward is offered: the phone's own camera app, trying again, the gallery.
  await expect(flow.fileChoice(p.useCameraApp)).toHaveAttribute("capture", "user");
  await expect(flow.button(p.tryCameraAgain)).toBeVisible();
  await expect(flow.button(p.takePhoto)).toHaveCount(0);

  await flow.photoFromFile(await jpegFile(), p.choosePhoto);
  const name = `${person.givenNames} ${person.familyNames}`;
  // The step closes this traveler once the photo is saved: it is listed as ready, and can be changed.
  await expect(page.getByText(flow.m.photos.done)).toBeVisible();
  await expect(flow.button(flow.t("photos.retake", { name }))).toBeVisible();
  await flow.photosDone(1);
  await flow.port(/Laredo/);
  await flow.send();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toBeVisible();
});

test.describe("on a small phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("ht: a photo problem is gone once fixed: a file that would not open, then a photo too dark, then a good one", async ({ page, context }) => {
    await placeAt(context, TIJUANA);
    const flow = new BookingFlow(page, "ht");
    const p = flow.m.photo;
    await flow.start();
    await flow.eligibility();
    await flow.travelers(family("HTI").slice(0, 1));
    await flow.contact();

    const choose = (file: { name: string; mimeType: string; buffer: Buffer }) => flow.fileChoice(p.choosePhoto).first().setInputFiles(file);
    const cannotOpen = page.getByRole("alert").filter({ hasText: p.fileError });
    const tooDark = page.getByText(p.problems.too_dark, { exact: true });

    await choose({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a picture at all") });
    await expect(cannotOpen).toBeVisible();

    // A photo taken in the dark: it opens (the first problem is gone) and the review says why it could be better.
    // Portrait, as a phone takes it: the tallest picture the review shows.
    const dark = await sharp({ create: { width: 600, height: 800, channels: 3, background: { r: 14, g: 12, b: 16 } } }).jpeg().toBuffer();
    await choose({ name: "dark.jpg", mimeType: "image/jpeg", buffer: dark });
    await expect(page.getByRole("heading", { name: p.reviewTitle })).toBeVisible({ timeout: 20_000 });
    await expect(tooDark).toBeVisible();
    await expect(cannotOpen).toHaveCount(0);
    // The photo, the advice and the decision on one screen: nobody has to find the button.
    await expect(page.locator("img[src^='blob:']")).toBeInViewport({ ratio: 1 });
    await expect(flow.button(p.usePhotoAnyway)).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("heading", { name: p.reviewTitle })).toBeInViewport({ ratio: 1 });

    // Another photo, in good light: the darkness advice is gone with the dark photo.
    await choose(await jpegFile());
    await expect(tooDark).toHaveCount(0);
    await flow.usePhotoButton.click({ timeout: 20_000 });
    await flow.photosDone(1);
  });
});
