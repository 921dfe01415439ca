import { expect, test } from "@playwright/test";
import { bookThroughApi, slotsAt } from "./support/api";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";

test("a traveler already booked elsewhere: the server's refusal is shown in French, naming the traveler, saying where the appointment is, never sending them to edit the name", async ({ page, context, request }) => {
  const [mother, child] = family("HTI");
  // The child already has an appointment, made from another phone.
  const slot = (await slotsAt(request, "san-ysidro")).find((s) => s.remaining >= 1)!;
  const earlier = await bookThroughApi(request, { portId: "san-ysidro", slotId: slot.id, travelers: [child] });
  expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);

  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "fr");
  await flow.toCheck([mother, child], /San Ysidro/);
  await flow.button(flow.m.check.send).click();

  const name = `${child.givenNames} ${child.familyNames}`;
  const d = flow.m.appointmentState.duplicate;
  const refusal = page.getByRole("alert").filter({ hasText: d.rule });
  await expect(refusal.getByRole("heading", { name: flow.t("appointmentState.duplicate.title", { name }) })).toBeVisible();
  await expect(refusal).toBeFocused();
  await expect(refusal.getByText(d.elsewhere)).toBeVisible();
  // Nothing leads to the name: a misspelled name would only make a second appointment.
  await expect(refusal.locator('a[href*="/book/traveler?"]')).toHaveCount(0);
  await expect(refusal.getByRole("link", { name: flow.t("appointmentState.duplicate.remove", { name }) })).toBeVisible();
  await flow.expectPage(flow.m.check.title);
});
