import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { Locale } from "@/lib/shared/i18n/locales";
import { appPhoto, withGarbageData } from "@/tests/support/images";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";
import { jpegFile } from "./support/photos";

// A photo whose JPEG headers are fine but whose image data is garbage passes the request's checks
// and is found unreadable by the background decode: the traveler's photo becomes `needs_new`, and
// "My appointment" asks for a new one, by name, in the person's language, and sends it.

/**
 * From the next page load on, the application the page sends carries `bytes` as the photo of the
 * traveler at `index`: swapped in the page's own fetch, as Chromium does not show a request body
 * that holds files to page.route. Only the booking's POST is touched.
 */
async function sendAsPhoto(page: Page, index: number, bytes: Buffer) {
  await page.addInitScript(
    ({ field, base64 }) => {
      const photo = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input), location.href);
        if (init?.method === "POST" && url.pathname === "/api/v1/appointments" && init.body instanceof FormData && init.body.has(field)) {
          init.body.set(field, new Blob([photo], { type: "image/jpeg" }), `${field}.jpg`);
        }
        return original(input, init);
      };
    },
    { field: `photo.${index}`, base64: bytes.toString("base64") },
  );
}

/** The photo state of each traveler, as the appointment's owner reads it. */
async function photoStates(request: APIRequestContext, code: string, secret: string): Promise<string[]> {
  const response = await request.get(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
  const { appointment } = (await response.json()) as { appointment: { travelers: { photo?: string }[] } };
  return appointment.travelers.map((t) => t.photo ?? "ready");
}

for (const locale of ["en", "ar"] as const satisfies Locale[]) {
  test(`a photo that is not a picture: My appointment asks for a new one in ${locale}, and sends it`, async ({ page, context, request }) => {
    test.setTimeout(120_000);
    await placeAt(context, TIJUANA);
    const flow = new BookingFlow(page, locale);
    const m = flow.m.appointment.newPhoto;
    const people = family("HND").slice(0, 2);
    const [first, second] = people;
    const name = `${second.givenNames} ${second.familyNames}`;
    // The second traveler's photo arrives with its image data turned to garbage (a phone that wrote
    // a broken file, bytes damaged on the way): the headers still say JPEG.
    await sendAsPhoto(page, 1, withGarbageData(await appPhoto()));
    await flow.toCheck(people, /San Ysidro/);
    const code = await flow.send();
    const secret = await flow.secretFor(code);

    // Accepted in the request (nothing is decoded there); the background decode finds it unreadable.
    await expect.poll(() => photoStates(request, code, secret), { timeout: 30_000 }).toEqual(["ready", "needs_new"]);

    await flow.openMyAppointment();
    const card = flow.appointmentCard(code);
    const box = card.getByRole("region", { name: flow.t("appointment.newPhoto.title", { name }) });
    await expect(box).toBeVisible();
    await expect(box.getByText(flow.t("appointment.newPhoto.body", { name: second.givenNames }))).toBeVisible();
    // Only the traveler whose photo could not be read is asked for one.
    await expect(card.getByRole("region")).toHaveCount(1);
    await expect(card.getByText(flow.t("appointment.newPhoto.title", { name: `${first.givenNames} ${first.familyNames}` }))).toHaveCount(0);
    // The capture is loaded on demand: the camera and the file choice, as in the booking.
    await expect(box.getByRole("button", { name: flow.m.photo.openCamera, exact: true })).toBeVisible();
    await expect(flow.fileChoice(flow.m.photo.choosePhoto)).toHaveCount(1);
    await auditScreen(page, `my appointment, a new photo needed (${locale})`);

    await flow.photoFromFile(await jpegFile());
    const send = flow.button(flow.t("appointment.newPhoto.send", { name }));
    await expect(send).toBeVisible();
    await auditScreen(page, `my appointment, a new photo ready to send (${locale})`);
    await send.click();

    const received = box.getByRole("status").filter({ hasText: new RegExp(`^(${escape(m.sent)}|${escape(m.sentReady)})$`) });
    await expect(received).toBeVisible();
    await expect(received).toBeFocused();
    await expect(send).toHaveCount(0);
    await auditScreen(page, `my appointment, new photo sent (${locale})`);

    // The new photo is a picture: the server checks it and keeps it.
    await expect.poll(() => photoStates(request, code, secret), { timeout: 30_000 }).toEqual(["ready", "ready"]);
    await page.reload();
    await expect(page.getByText(flow.m.appointment.checking)).toHaveCount(0);
    await expect(card.getByText(flow.m.appointment.status.confirmed)).toBeVisible();
    await expect(card.getByRole("region")).toHaveCount(0);
    await expect(card.getByText(m.needed)).toHaveCount(0);
    await expect(card.getByText(m.checking)).toHaveCount(0);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
