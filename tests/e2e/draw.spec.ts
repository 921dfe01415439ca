import { expect, test } from "@playwright/test";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";

test("a request at a draw port in Haitian Creole: sent without a time, it says the person is in the draw", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ht");
  const people = family().slice(0, 2);
  await flow.start();
  await flow.eligibility();
  await flow.travelers(people);
  await flow.contact();
  await flow.photosWithCamera(people.length);
  await flow.portRadio(/Eagle Pass/).check();
  await expect(page.getByText(flow.m.port.drawNote)).toBeVisible();
  await flow.continue(flow.m.port.continue);
  await flow.expectPage(flow.m.check.title);
  await expect(page.getByText(flow.m.check.drawRequest)).toBeVisible();

  const code = await flow.send();
  await expect(page.getByText(flow.m.done.statusRequested)).toBeVisible();
  await expect(page.getByRole("img", { name: new RegExp(code) })).toHaveCount(0);
  const secret = await flow.secretFor(code);
  const { appointment } = await (await request.get(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } })).json();
  expect(appointment).toMatchObject({ status: "requested", portId: "eagle-pass", drawAt: expect.stringMatching(/T19:00:00-0[56]:00$/) });
});
