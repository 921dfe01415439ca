import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test } from "@playwright/test";
import { appointmentFor, remainingAt } from "./support/api";
import { BookingFlow, placeAt, readDecrypted, TIJUANA } from "./support/booking-flow";
import { rawDeviceStorage } from "./support/device";
import { chromiumLaunch, waitOfflineReady } from "./support/offline";
import { family } from "./support/people";

// The whole story on one phone: one online visit, then the flow in Haitian Creole with no
// connection, sent (queued), the browser closed and reopened still offline, and finally a
// connection: the application arrives once.
test("offline in Haitian Creole: filled, sent, queued across a browser restart, unreadable raw, delivered once", async ({ baseURL, request }) => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(path.join(os.tmpdir(), "puerta-outbox-"));
  const options = { ...chromiumLaunch, baseURL, viewport: { width: 412, height: 915 } };
  const [person] = family("HTI");
  const typed = [person.givenNames.split(" ")[1], person.familyNames.split(" ")[1]];
  try {
    // Online, once: the app and the free times the person looked at are stored.
    const first = await chromium.launchPersistentContext(profile, options);
    await placeAt(first, TIJUANA);
    const page = first.pages()[0] ?? (await first.newPage());
    const flow = new BookingFlow(page, "ht");
    await page.goto("/ht/book/port");
    await waitOfflineReady(page, "ht");
    await page.reload();
    await flow.portRadio(/San Ysidro/).check();
    await expect(flow.dayButtons.first()).toBeVisible();

    // No connection from here on: the whole flow, then Send.
    await first.setOffline(true);
    await flow.start();
    await flow.eligibility();
    await flow.travelers([person]);
    await flow.contact();
    await flow.photosWithCamera(1);
    await flow.port(/San Ysidro/);
    const slot = (await flow.draft()).slot!;
    await flow.button(flow.m.check.send).click();
    await flow.expectPage(flow.m.queued.title);
    await expect(page.getByText(flow.m.outbox.state.waiting)).toBeVisible();
    const before = await remainingAt(request, "san-ysidro", slot.id);
    let raw = await rawDeviceStorage(page);
    for (const word of typed) expect(raw.includes(word), `"${word}" readable on the device`).toBe(false);
    await first.close();

    // The browser was closed; it opens again, still with no connection: still queued, still sealed.
    const again = await chromium.launchPersistentContext(profile, { ...options, offline: true });
    const reopened = again.pages()[0] ?? (await again.newPage());
    const flowAgain = new BookingFlow(reopened, "ht");
    await reopened.goto("/ht/appointment");
    await flowAgain.expectPage(flowAgain.m.appointment.title);
    await expect(reopened.getByText(flowAgain.m.outbox.state.waiting)).toBeVisible();
    raw = await rawDeviceStorage(reopened);
    expect(raw.includes("puerta-outbox")).toBe(true);
    for (const word of typed) expect(raw.includes(word), `"${word}" readable after the restart`).toBe(false);
    await expect.poll(() => remainingAt(request, "san-ysidro", slot.id), { timeout: 10_000 }).toBe(before);

    // A connection: it goes by itself, once.
    await again.setOffline(false);
    await expect(reopened.getByRole("heading", { name: flowAgain.m.outbox.title })).toHaveCount(0, { timeout: 30_000 });
    const saved = (await reopened.evaluate(readDecrypted, { database: "puerta-appointments", store: "appointments", key: "appointments" })) as { appointment: { code: string }; secret: string }[];
    expect(saved).toHaveLength(1);
    const appointment = await appointmentFor(request, saved[0].appointment.code, saved[0].secret);
    expect(appointment).toMatchObject({ status: "confirmed", portId: "san-ysidro", slot: { id: slot.id } });
    expect(appointment.travelers).toMatchObject([{ givenNames: person.givenNames, familyNames: person.familyNames }]);
    await expect.poll(() => remainingAt(request, "san-ysidro", slot.id), { timeout: 10_000 }).toBe(before - 1);
    await expect(flowAgain.appointmentCard(saved[0].appointment.code)).toBeVisible();
    await again.close();
  } finally {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {}
  }
});
