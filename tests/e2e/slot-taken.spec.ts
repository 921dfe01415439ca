import { expect, test } from "@playwright/test";
import { bookThroughApi, remainingAt, slotsAt } from "./support/api";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family, strangers } from "./support/people";

test("a time taken between choosing and sending: the alternatives are offered in place, and one is booked", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "en");
  const [person] = family("SLV");
  // Calexico has small slots (6 seats): a few people elsewhere can fill one.
  await flow.toCheck([person], /Calexico/);
  const chosen = (await flow.draft()).slot!;
  expect(chosen.id).toMatch(/^calexico-/);

  // Meanwhile, other people book every seat left at that time through the API.
  const left = await remainingAt(request, "calexico", chosen.id);
  expect(left).toBeGreaterThan(0);
  const others = await bookThroughApi(request, { portId: "calexico", slotId: chosen.id, travelers: strangers(left) });
  expect(others.status, JSON.stringify(others.body)).toBe(201);
  await expect.poll(() => remainingAt(request, "calexico", chosen.id), { timeout: 10_000 }).toBe(0);

  await flow.button(flow.m.check.send).click();
  await expect(flow.slotGone).toBeVisible();
  await flow.expectPage(flow.m.check.title);
  await expect(flow.alternatives.first()).toBeVisible();
  const alternative = flow.alternatives.first();
  const when = (await alternative.textContent())!.trim();
  await alternative.click();
  await expect(flow.slotGone).toHaveCount(0);
  // The button pressed is gone with the message: the focus moves on to Send.
  await expect(flow.button(flow.m.check.send)).toBeFocused();
  await expect(flow.answer(flow.m.check.time)).toHaveText(when);
  const replacement = (await flow.draft()).slot!;
  expect(replacement.id).not.toBe(chosen.id);
  const before = await remainingAt(request, "calexico", replacement.id);

  const code = await flow.send();
  const secret = await flow.secretFor(code);
  const response = await request.get(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
  const { appointment } = await response.json();
  expect(appointment).toMatchObject({ status: "confirmed", portId: "calexico", slot: { id: replacement.id } });
  expect(appointment.travelers).toMatchObject([{ givenNames: person.givenNames, familyNames: person.familyNames }]);

  // Exactly one appointment holds our traveler: one seat taken at the new time, none at the full
  // one, and any further booking of the same person is refused.
  await expect.poll(() => remainingAt(request, "calexico", replacement.id), { timeout: 10_000 }).toBe(before - 1);
  await expect.poll(() => remainingAt(request, "calexico", chosen.id), { timeout: 10_000 }).toBe(0);
  const open = (await slotsAt(request, "calexico")).find((s) => s.remaining > 0 && s.id !== replacement.id)!;
  const again = await bookThroughApi(request, { portId: "calexico", slotId: open.id, travelers: [person] });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe("traveler_already_booked");
});
