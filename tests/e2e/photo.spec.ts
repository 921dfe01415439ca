import { expect, test } from "@playwright/test";
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
