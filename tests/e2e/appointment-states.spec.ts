import { expect, test, type APIRequestContext } from "@playwright/test";
import { appointmentFor } from "./support/api";
import { auditScreen } from "./support/audit";
import { BookingFlow } from "./support/booking-flow";
import { bookOnServer, keepOnDevice } from "./support/device-appointments";
import { family } from "./support/people";

// A phone held upright: what must read at a glance has to on this screen.
test.use({ viewport: { width: 360, height: 740 } });
// A whole screen audited in two languages' worth of steps: axe alone takes tens of seconds on a
// loaded CI machine.
test.describe.configure({ timeout: 180_000 });

const cancelOnServer = async (request: APIRequestContext, code: string, secret: string) => {
  const response = await request.delete(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
};

for (const locale of ["es", "ht", "ar"] as const) {
  test(`a cancelled appointment (${locale}) says so first, with no QR code, nothing about going to the port, and a way to ask again`, async ({ page, request }) => {
    const flow = new BookingFlow(page, locale);
    const { done, appointment: a } = flow.m;
    const ended = flow.m.appointmentState.ended;
    const booked = await bookOnServer(request, { portId: "laredo", travelers: family("HTI").slice(0, 1) });
    const { code } = booked.appointment;
    await page.goto(`/${locale}/appointment`);
    await keepOnDevice(page, request, [booked]);
    // Cancelled elsewhere (another phone with the same secret, or a port's capacity change): the
    // page checks with the server, so the copy on the phone does not keep showing the QR code.
    await cancelOnServer(request, code, booked.secret);

    await page.goto(`/${locale}/book/done?code=${code}`);
    // The phone's copy shows first; the server's answer replaces it.
    await expect(page.getByRole("heading", { name: ended.cancelledTitle })).toBeVisible({ timeout: 20_000 });
    // The page's own heading says it too, not "Your request was sent" above the notice.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(done.titleCancelled);
    await expect(page.getByText(ended.notValid)).toBeVisible();
    await expect(page.getByRole("img", { name: new RegExp(code) })).toHaveCount(0);
    for (const travel of [done.bringTitle, done.nextBody, done.statusConfirmed]) await expect(page.getByText(travel)).toHaveCount(0);
    await expect(flow.button(done.print)).toHaveCount(0);
    await expect(flow.button(done.calendar)).toHaveCount(0);
    await expect(flow.link(ended.again)).toHaveAttribute("href", `/${locale}`);
    await auditScreen(page, `confirmation of a cancelled appointment (${locale})`);

    await page.goto(`/${locale}/appointment`);
    await expect(page.getByText(a.checking)).toHaveCount(0, { timeout: 20_000 });
    const card = flow.appointmentCard(code);
    await expect(card.getByRole("heading", { name: ended.cancelledTitle })).toBeVisible({ timeout: 20_000 });
    await expect(card.getByText(a.status.confirmed)).toHaveCount(0);
    await expect(flow.link(a.showConfirmation)).toHaveCount(0);
    await expect(card.getByRole("link", { name: ended.again, exact: true })).toBeVisible();
    await auditScreen(page, `My appointment, a cancelled appointment (${locale})`);
  });
}

test("cancelled on My appointment: going back to the confirmation shows no QR code and offers a new appointment", async ({ page, request }) => {
  const flow = new BookingFlow(page, "es");
  const { done, appointment: a } = flow.m;
  const ended = flow.m.appointmentState.ended;
  const booked = await bookOnServer(request, { portId: "laredo", travelers: family("GTM").slice(0, 2) });
  const { code } = booked.appointment;
  await page.goto("/es/appointment");
  await keepOnDevice(page, request, [booked]);

  await page.goto(`/es/book/done?code=${code}`);
  await expect(page.getByRole("img", { name: new RegExp(code) })).toBeVisible();
  await expect(page.getByText(done.bringTitle)).toBeVisible();

  await flow.openMyAppointment();
  await flow.button(a.actions.cancel).click();
  await flow.button(a.actions.cancelYes).click();
  const card = flow.appointmentCard(code);
  await expect(card.getByRole("status").filter({ hasText: a.cancelled })).toBeFocused();
  await expect(card.getByRole("heading", { name: ended.cancelledTitle })).toBeVisible();
  expect((await appointmentFor(request, code, booked.secret)).status).toBe("cancelled");

  // With the server out of reach, the copy kept on the phone says cancelled by itself.
  await page.route("**/api/v1/appointments/**", (route) => route.abort());
  await page.goto(`/es/book/done?code=${code}`);
  await expect(page.getByRole("heading", { name: ended.cancelledTitle })).toBeVisible();
  await expect(page.getByRole("img", { name: new RegExp(code) })).toHaveCount(0);
  await expect(page.getByText(done.bringTitle)).toHaveCount(0);
  await page.unroute("**/api/v1/appointments/**");
  await flow.link(ended.again).click();
  await expect(page).toHaveURL(/\/es\/?$/);
});
