import { expect, test } from "@playwright/test";
import { appointmentFor, remainingAt } from "./support/api";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";

test("cancelling from My appointment asks first, then frees the seats", async ({ page, context, request }) => {
  test.setTimeout(180_000); // the whole booking flow first
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  const a = flow.m.appointment;
  const people = family("NIC").slice(0, 2);
  await flow.toCheck(people, /Laredo/);
  const slot = (await flow.draft()).slot!;
  const code = await flow.send();
  const secret = await flow.secretFor(code);
  const booked = await remainingAt(request, "laredo", slot.id);

  await flow.openMyAppointment();
  const card = flow.appointmentCard(code);
  await expect(card.getByText(a.status.confirmed)).toBeVisible();

  // The question replaces the buttons, in the page; "No" keeps everything as it was.
  await flow.button(a.actions.cancel).click();
  await expect(card.getByText(a.actions.cancelQuestion)).toBeFocused();
  await flow.button(a.actions.cancelNo).click();
  await expect(flow.button(a.actions.cancel)).toBeFocused();
  expect((await appointmentFor(request, code, secret)).status).toBe("confirmed");

  await flow.button(a.actions.cancel).click();
  await flow.button(a.actions.cancelYes).click();
  await expect(card.getByRole("heading", { name: flow.m.appointmentState.ended.cancelledTitle })).toBeVisible();
  await expect(card.getByRole("status").filter({ hasText: a.cancelled })).toBeFocused();
  await expect(flow.button(a.actions.cancel)).toHaveCount(0);

  expect((await appointmentFor(request, code, secret)).status).toBe("cancelled");
  await expect.poll(() => remainingAt(request, "laredo", slot.id), { timeout: 10_000 }).toBe(booked + people.length);

  // The copy kept on the phone says so too, after a reload.
  await page.reload();
  await expect(card.getByRole("heading", { name: flow.m.appointmentState.ended.cancelledTitle })).toBeVisible();
  await expect(flow.link(a.showConfirmation)).toHaveCount(0);
});
