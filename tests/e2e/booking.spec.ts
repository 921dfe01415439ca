import { expect, test } from "@playwright/test";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { family } from "./support/people";

test("a family of three books in Spanish from Tijuana, and the appointment is readable through the API", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  const people = family();
  await flow.start();
  await flow.eligibility();
  await flow.travelers(people);
  await flow.contact("+52 664 123 4567");
  await flow.photosWithCamera(3);
  await flow.port(/San Ysidro/);
  const code = await flow.send();

  expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
  await expect(page.getByRole("img", { name: new RegExp(code) })).toBeVisible();
  const secret = await flow.secretFor(code);
  const response = await request.get(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
  const { appointment } = await response.json();
  expect(appointment).toMatchObject({ status: "confirmed", portId: "san-ysidro" });
  expect(appointment.travelers).toMatchObject(people.map(({ givenNames, familyNames }) => ({ givenNames, familyNames })));
  // Only the confirmation stays on the device: the draft is gone.
  await page.goto("/es/book/check");
  await expect(page.getByText(flow.m.check.incomplete)).toBeVisible();
});

test("the same booking in Arabic reads right to left", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ar");
  await flow.start();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await flow.eligibility();
  await flow.travelers([family("SYR")[0]]);
  await flow.contact();
  await flow.photosWithCamera(1);
  await flow.port(/Nogales/);
  const code = await flow.send();
  expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
  // The code stays left to right inside the Arabic page.
  await expect(page.locator("p.font-mono")).toHaveAttribute("dir", "ltr");
  const box = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect(box!.x + box!.width).toBeGreaterThan(300);
});
