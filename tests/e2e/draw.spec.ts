import { expect, test } from "@playwright/test";
import { appointmentFor } from "./support/api";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { DrawServer } from "./support/draw-server";
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

test("a request that wins the draw: My appointment shows the place, its deadline and Confirm, which confirms it", async ({ browser }) => {
  test.setTimeout(300_000); // a server of its own, started twice
  const server = new DrawServer();
  await server.start();
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 412, height: 915 } });
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
    await expect(flow.appointmentCard(code).getByText(a.status.requested)).toBeVisible();

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
