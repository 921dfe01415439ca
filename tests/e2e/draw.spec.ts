import { expect, test } from "@playwright/test";
import { appointmentFor } from "./support/api";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { bookOnServer, keepOnDevice } from "./support/device-appointments";
import { DrawServer } from "./support/draw-server";
import { family } from "./support/people";

// The draw's time as the person reads it: the hour at the port, and the zone named in words, never
// an IANA id or a bare offset.
// Arabic writes its own digits (٧:٠٠).
const arabicIndic = (text: string) => text.replace(/\d/g, (d) => "٠١٢٣٤٥٦٧٨٩"[Number(d)]);
const atHour = (hour: number) => {
  const hours = [String(hour), String(hour % 12 || 12)].flatMap((h) => [`${h}[:.]00`, arabicIndic(`${h}[:.]00`)]);
  return new RegExp(`(^|\\D)(${hours.join("|")})`);
};
const RAW_ZONE = /America\/|GMT|UTC/;

test("a request at a draw port in Haitian Creole: an entry in the draw, when it runs, the deadline, how the result comes, and leaving it", async ({ page, context, request }) => {
  test.setTimeout(180_000); // the whole flow and two audited screens
  await page.setViewportSize({ width: 360, height: 740 });
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ht");
  const draw = flow.m.appointmentState.draw;
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
  await expect(page.getByRole("heading", { name: draw.inTitle })).toBeVisible();
  await expect(page.getByText(draw.entryLabel)).toBeVisible();
  await expect(page.getByText(flow.m.done.codeLabel)).toHaveCount(0);
  await expect(page.getByRole("img", { name: new RegExp(code) })).toHaveCount(0);
  const secret = await flow.secretFor(code);
  const { appointment } = await (await request.get(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } })).json();
  expect(appointment).toMatchObject({ status: "requested", portId: "eagle-pass", drawAt: expect.stringMatching(/T19:00:00-0[56]:00$/) });
  expect(appointment.confirmByIfChosen).toMatch(/T18:00:00-0[56]:00$/);

  const when = page.getByText(draw.when.split("{date}")[0]);
  await expect(when).toContainText(atHour(19));
  await expect(when).not.toContainText(RAW_ZONE);
  const deadline = page.getByText(draw.ifChosen.split("{date}")[0]);
  await expect(deadline).toContainText(atHour(18));
  await expect(deadline).not.toContainText(RAW_ZONE);
  // No phone number or e-mail was given: nothing promises a message.
  await expect(page.getByText(draw.resultApp)).toBeVisible();
  await expect(page.getByText(draw.resultNoContact)).toBeVisible();
  await expect(page.getByText(draw.resultContact)).toHaveCount(0);
  await auditScreen(page, "confirmation of a draw entry (ht)");

  await flow.button(draw.withdraw).click();
  await expect(page.getByText(draw.withdrawQuestion)).toBeFocused();
  await flow.button(draw.withdrawYes).click();
  await expect(page.getByRole("heading", { name: flow.m.appointmentState.ended.withdrawnTitle })).toBeFocused();
  const after = await (await request.get(`/api/v1/appointments/${code}`, { headers: { authorization: `Bearer ${secret}` } })).json();
  expect(after.appointment.status).toBe("cancelled");
  await auditScreen(page, "confirmation of a draw entry left (ht)");
});

for (const locale of ["es", "ar"] as const) {
  test(`a draw entry on My appointment (${locale}), a phone number given: the result is looked for here, and the entry can be left`, async ({ page, request }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 360, height: 740 });
    const flow = new BookingFlow(page, locale);
    const draw = flow.m.appointmentState.draw;
    const phone = "+526641234567";
    const booked = await bookOnServer(request, { portId: "eagle-pass", travelers: family("VEN").slice(0, 1), phone });
    const { code } = booked.appointment;
    await page.goto(`/${locale}/appointment`);
    await keepOnDevice(page, request, [{ ...booked, phone }]);
    await expect(page.getByText(flow.m.appointment.checking)).toHaveCount(0, { timeout: 20_000 });

    const card = flow.appointmentCard(code);
    await expect(card.getByText(draw.entryLabel)).toBeVisible();
    await expect(card.getByRole("heading", { name: draw.inTitle })).toBeVisible();
    await expect(card.getByText(draw.when.split("{date}")[0])).toContainText(atHour(19));
    await expect(card.getByText(draw.resultContact)).toBeVisible();
    await expect(card.getByText(draw.resultNoContact)).toHaveCount(0);
    await expect(flow.link(flow.m.appointment.showConfirmation)).toHaveCount(0);
    await auditScreen(page, `My appointment, a draw entry (${locale})`);

    await flow.button(draw.withdraw).click();
    await flow.button(draw.withdrawNo).click();
    await expect(flow.button(draw.withdraw)).toBeFocused();
    expect((await appointmentFor(request, code, booked.secret)).status).toBe("requested");
    await flow.button(draw.withdraw).click();
    await flow.button(draw.withdrawYes).click();
    await expect(card.getByRole("status").filter({ hasText: flow.m.appointment.withdrawn })).toBeFocused();
    await expect(card.getByRole("heading", { name: flow.m.appointmentState.ended.withdrawnTitle })).toBeVisible();
    expect((await appointmentFor(request, code, booked.secret)).status).toBe("cancelled");
  });
}

test("a request that wins the draw: My appointment shows the place, its deadline and Confirm, which confirms it", async ({ browser }) => {
  test.setTimeout(300_000); // a server of its own, started twice
  const server = new DrawServer();
  await server.start();
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 360, height: 740 } });
  try {
    await placeAt(context, TIJUANA);
    const page = await context.newPage();
    const flow = new BookingFlow(page, "es");
    const a = flow.m.appointment;
    const people = family("VEN").slice(0, 2);
    await flow.start();
    await flow.eligibility();
    await flow.travelers(people);
    await flow.contact();
    await flow.photosWithCamera(people.length);
    await flow.portRadio(/Eagle Pass/).check();
    await flow.continue(flow.m.port.continue);
    await flow.expectPage(flow.m.check.title);
    const code = await flow.send();
    const secret = await flow.secretFor(code);
    await flow.openMyAppointment();
    await expect(flow.appointmentCard(code).getByRole("heading", { name: flow.m.appointmentState.draw.inTitle })).toBeVisible();

    // The draw, by the app's runner, on this server's data (the only request: it gets the seats).
    await server.stop();
    const drawn = await server.runDraw("eagle-pass");
    expect(drawn).toMatchObject({ ran: true, allocations: 1 });
    await server.start();

    const api = (await appointmentFor(context.request, code, secret)) as { status: string; confirmBy?: string };
    expect(api.status).toBe("allocated");
    // The deadline in the port's own time, as the API gives it (…T08:00:00-06:00): its hour is
    // shown as Spanish writes it ("8:00", no leading zero).
    const [hour, minute] = api.confirmBy!.slice(11, 16).split(":");
    const deadline = new RegExp(`(^|\\D)${Number(hour)}:${minute}`);

    await page.reload();
    await expect(page.getByText(a.checking)).toHaveCount(0);
    const card = flow.appointmentCard(code);
    await expect(card.getByText(a.status.allocated)).toBeVisible();
    await expect(card.getByRole("heading", { name: a.actions.gotPlace })).toBeVisible();
    const before = a.actions.confirmBefore.split("{time}")[0];
    await expect(card.getByText(before)).toContainText(deadline);
    await auditScreen(page, "my appointment, a place won in the draw");

    await flow.button(a.actions.confirm).click();
    await expect(card.getByText(a.status.confirmed)).toBeVisible();
    await expect(flow.button(a.actions.confirm)).toHaveCount(0);
    expect((await appointmentFor(context.request, code, secret)).status).toBe("confirmed");
  } finally {
    await context.close();
    await server.dispose();
  }
});
