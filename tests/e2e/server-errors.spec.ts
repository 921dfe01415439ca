import { expect, test } from "@playwright/test";
import { bookThroughApi, slotsAt } from "./support/api";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";

test("a traveler already booked elsewhere: the server's refusal is shown in French, naming the traveler, linked to their form", async ({ page, context, request }) => {
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
  const problem = flow.t("check.travelerProblem", { name, problem: flow.m.errors.issues.already_booked });
  expect(problem).toContain("\u00a0:"); // French typography: a non-breaking space before the colon
  await expect(flow.errorSummary).toBeFocused();
  await expect(flow.errorSummary.getByRole("link")).toHaveCount(1);
  await expect(flow.errorLink(problem)).toBeVisible();
  await flow.expectPage(flow.m.check.title);

  await flow.errorLink(problem).click();
  await flow.expectPage(flow.m.traveler.title);
  await expect(page).toHaveURL(/\/fr\/book\/traveler\?id=[\w-]+&return=check$/);
  await expect(flow.field(flow.m.traveler.givenNames)).toHaveValue(child.givenNames);
  await expect(flow.field(flow.m.traveler.familyNames)).toHaveValue(child.familyNames);
});
