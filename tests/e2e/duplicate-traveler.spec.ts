import { expect, test } from "@playwright/test";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { bookOnServer, keepOnDevice } from "./support/device-appointments";
import { family, strangers } from "./support/people";

test.use({ viewport: { width: 360, height: 740 } });
// A whole screen audited in two languages' worth of steps: axe alone takes tens of seconds on a
// loaded CI machine.
test.describe.configure({ timeout: 180_000 });

const fullName = (p: { givenNames: string; familyNames: string }) => `${p.givenNames} ${p.familyNames}`;

test("a person whose appointment is on this phone: the refusal opens that appointment, and never sends them to edit the name", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  const d = flow.m.appointmentState.duplicate;
  const [person] = family("HND");
  const booked = await bookOnServer(request, { portId: "laredo", travelers: [person] });
  const { code } = booked.appointment;
  await page.goto("/es");
  await keepOnDevice(page, request, [booked]);

  // The same person again, with someone new.
  const [other] = strangers(1, "HND");
  await flow.toCheck([person, other], /Laredo/);
  await flow.button(flow.m.check.send).click();
  const refusal = page.getByRole("alert").filter({ hasText: d.rule });
  await expect(refusal.getByRole("heading", { name: flow.t("appointmentState.duplicate.title", { name: fullName(person) }) })).toBeVisible();
  await expect(refusal).toBeFocused();
  await expect(refusal.locator('a[href*="/book/traveler?"]')).toHaveCount(0);
  await expect(refusal.getByRole("link", { name: flow.t("appointmentState.duplicate.remove", { name: fullName(person) }) })).toBeVisible();
  await auditScreen(page, "check your answers, a person already booked on this phone");

  await refusal.getByRole("link", { name: flow.t("appointmentState.duplicate.open", { name: fullName(person), code }) }).click();
  await flow.expectPage(flow.m.appointment.title);
  await expect(page).toHaveURL(new RegExp(`/es/appointment#appointment-${code}$`));
  await expect(flow.appointmentCard(code).getByRole("heading", { level: 2 })).toBeFocused();
});

test("a person booked on another phone (Arabic): the refusal says where to open it, with no link to change the name", async ({ page, context, request }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ar");
  const d = flow.m.appointmentState.duplicate;
  const [person] = family("SYR");
  await bookOnServer(request, { portId: "laredo", travelers: [person] });

  await flow.toCheck([person], /Laredo|لاريدو/);
  await flow.button(flow.m.check.send).click();
  const refusal = page.getByRole("alert").filter({ hasText: d.rule });
  await expect(refusal.getByRole("heading", { name: flow.t("appointmentState.duplicate.title", { name: fullName(person) }) })).toBeVisible();
  await expect(refusal.getByText(d.elsewhere)).toBeVisible();
  await expect(refusal.getByRole("link")).toHaveCount(0);
  await auditScreen(page, "check your answers, a person already booked elsewhere (ar)");
});
