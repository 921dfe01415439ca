import { expect, test } from "@playwright/test";
import { appointmentFor, bookThroughApi, remainingAt } from "./support/api";
import { BookingFlow, placeAt, TIJUANA, type TravelerAnswers } from "./support/booking-flow";
import { rawDeviceStorage } from "./support/device";
import { waitOfflineReady } from "./support/offline";
import { family, strangers } from "./support/people";

// Sends that do not reach the server the first time: the application is sealed to the server's
// key, queued with its Idempotency-Key, and delivered once, whatever happened on the way.

/** What the person typed that must never be readable on the phone once the application is queued. */
function typedWords(people: TravelerAnswers[]): string[] {
  return people.flatMap((p) => [...p.givenNames.split(" "), ...p.familyNames.split(" ")]).filter((w) => w.length > 4);
}

test("a send cut off after the server booked: the retry goes sealed with the same key and books nothing more", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  const people = family("HND").slice(0, 2);
  await flow.toCheck(people, /San Ysidro/);
  const slot = (await flow.draft()).slot!;
  const before = await remainingAt(request, "san-ysidro", slot.id);

  // The plain send reaches the server and books; the answer is lost on the way back.
  let firstAnswer: { appointment: { code: string } } | null = null;
  const sealedSends: string[] = [];
  await page.route("**/api/v1/appointments", async (route) => {
    const contentType = route.request().headers()["content-type"] ?? "";
    if (route.request().method() !== "POST") return route.fallback();
    if (contentType.startsWith("application/jose")) {
      sealedSends.push(route.request().headers()["idempotency-key"]);
      return route.fallback();
    }
    const response = await route.fetch();
    firstAnswer = await response.json();
    await route.abort("connectionreset");
  });

  await flow.button(flow.m.check.send).click();
  await flow.expectPage(flow.m.done.title);
  const code = await flow.confirmationCode();
  expect(firstAnswer, "the first send reached the server").not.toBeNull();
  expect(code).toBe(firstAnswer!.appointment.code);
  expect(sealedSends.length).toBeGreaterThanOrEqual(1);

  // One appointment: exactly the family's seats were taken, and it is the first one.
  await expect.poll(() => remainingAt(request, "san-ysidro", slot.id), { timeout: 10_000 }).toBe(before - people.length);
  const appointment = await appointmentFor(request, code, await flow.secretFor(code));
  expect(appointment.status).toBe("confirmed");
  expect(appointment.travelers.map((t) => t.givenNames)).toEqual(people.map((p) => p.givenNames));
});

test("sent in Haitian Creole with no connection: unreadable on the phone, then a time taken meanwhile is chosen again", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ht");
  const [person] = family("HTI");
  await flow.start();
  await waitOfflineReady(page, "ht");
  await flow.eligibility();
  await flow.travelers([person]);
  await flow.contact();
  await flow.photosWithCamera(1);
  // Calexico has small slots (6 seats): a few other people can fill one.
  await flow.port(/Calexico/);
  const chosen = (await flow.draft()).slot!;

  await context.setOffline(true);
  await flow.button(flow.m.check.send).click();
  await flow.expectPage(flow.m.queued.title);
  await expect(page.getByText(flow.m.outbox.state.waiting)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: flow.m.offline.banner })).toBeVisible();

  // Nothing the person typed is readable in the raw stores: the draft is gone, the queue is sealed.
  const raw = await rawDeviceStorage(page);
  expect(raw.includes("puerta-outbox")).toBe(true);
  for (const word of typedWords([person])) expect(raw.includes(word), `"${word}" readable on the device`).toBe(false);

  // Meanwhile other people take every seat left at that time.
  const left = await remainingAt(request, "calexico", chosen.id);
  const others = await bookThroughApi(request, { portId: "calexico", slotId: chosen.id, travelers: strangers(left) });
  expect(others.status).toBe(201);

  // The connection comes back: the sealed application goes by itself, and the port says the time is full.
  await context.setOffline(false);
  await expect(page.getByText(flow.m.outbox.state.needs_attention)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(flow.t("outbox.attentionBody", { reason: flow.m.errors.codes.slot_full }))).toBeVisible();

  // The answers come back, with the alternatives, and one is booked.
  await flow.button(flow.m.outbox.fix).click();
  await flow.expectPage(flow.m.check.title);
  await expect(flow.slotGone).toBeVisible();
  await expect(flow.changeLink(`${person.givenNames} ${person.familyNames}`)).toBeVisible();
  await flow.alternatives.first().click();
  const replacement = (await flow.draft()).slot!;
  expect(replacement.id).not.toBe(chosen.id);
  const code = await flow.send();
  const appointment = await appointmentFor(request, code, await flow.secretFor(code));
  expect(appointment).toMatchObject({ status: "confirmed", portId: "calexico", slot: { id: replacement.id } });
  expect(appointment.travelers).toMatchObject([{ givenNames: person.givenNames, familyNames: person.familyNames }]);
});

test("erase everything: the appointment, its secret and every key leave the phone", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "fr");
  const [person] = family("COD");
  await flow.toCheck([person], /Laredo/);
  const code = await flow.send();
  const secret = await flow.secretFor(code);
  await flow.openMyAppointment();
  await expect(flow.appointmentCard(code)).toBeVisible();

  await flow.button(flow.m.outbox.erase.erase).click();
  await expect(page.getByText(flow.m.outbox.erase.question)).toBeFocused();
  await flow.button(flow.m.outbox.erase.yes).click();
  await expect(page.getByText(flow.m.appointment.empty)).toBeVisible();
  const raw = await rawDeviceStorage(page);
  for (const value of [code, secret, ...typedWords([person])]) expect(raw.includes(value), `"${value}" still on the device`).toBe(false);
  // No key is left to open anything that might survive elsewhere.
  expect(await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("puerta-keys");
    open.onsuccess = () => {
      const request = open.result.transaction("keys").objectStore("keys").count();
      request.onsuccess = () => resolve(request.result);
    };
  }))).toBe(0);
  // The appointment itself stays valid at the port: only the phone forgot it.
  expect((await appointmentFor(request, code, secret)).status).toBe("confirmed");
});
