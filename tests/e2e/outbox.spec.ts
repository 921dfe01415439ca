import { expect, test } from "@playwright/test";
import { appointmentFor, bookThroughApi, remainingAt } from "./support/api";
import { BookingFlow, placeAt, TIJUANA, type TravelerAnswers } from "./support/booking-flow";
import { rawDeviceStorage } from "./support/device";
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
  expect(await remainingAt(request, "san-ysidro", slot.id)).toBe(before - people.length);
  const appointment = await appointmentFor(request, code, await flow.secretFor(code));
  expect(appointment.status).toBe("confirmed");
  expect(appointment.travelers.map((t) => t.givenNames)).toEqual(people.map((p) => p.givenNames));
});

test("queued in Haitian Creole while the sends fail: unreadable on the phone, then a time taken meanwhile is chosen again", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ht");
  const [person] = family("HTI");
  // Calexico has small slots (6 seats): a few other people can fill one.
  await flow.toCheck([person], /Calexico/);
  const chosen = (await flow.draft()).slot!;

  // No send gets through, plain or sealed, as with no signal.
  await page.route("**/api/v1/appointments", (route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback(),
  );
  await flow.button(flow.m.check.send).click();
  await flow.expectPage(flow.m.queued.title);
  await expect(page.getByText(flow.m.outbox.state.waiting)).toBeVisible();

  // Nothing the person typed is readable in the raw stores: the draft is gone, the queue is sealed.
  const raw = await rawDeviceStorage(page);
  expect(raw).toContain("puerta-outbox");
  for (const word of typedWords([person])) expect(raw, `"${word}" readable on the device`).not.toContain(word);

  // Meanwhile other people take every seat left at that time.
  const left = await remainingAt(request, "calexico", chosen.id);
  const others = await bookThroughApi(request, { portId: "calexico", slotId: chosen.id, travelers: strangers(left) });
  expect(others.status).toBe(201);

  // The connection comes back: the sealed application goes, and the port says the time is full.
  await page.unrouteAll();
  await flow.button(flow.m.outbox.sendNow).click();
  await expect(page.getByText(flow.m.outbox.state.needs_attention)).toBeVisible();
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
  expect(appointment.travelers).toEqual([{ givenNames: person.givenNames, familyNames: person.familyNames }]);
});
