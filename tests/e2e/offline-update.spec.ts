import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { waitOfflineReady } from "./support/offline";
import { family } from "./support/people";

const m = catalogs.es;
const SW_FILE = path.join(process.cwd(), "public", "sw.js");
const PHONE = "+52 664 123 4567";

/** A new version of the app is deployed: the server now serves a service worker that differs. */
async function deployNewVersion(page: Page, original: string, n: number) {
  writeFileSync(SW_FILE, `${original}\n// deployed version ${n}\n`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
}

/** Does `act`, then waits until the page has been loaded anew (a marker set before is gone). */
async function expectReload(page: Page, act: () => Promise<void>) {
  await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
  await act();
  await expect.poll(() => page.evaluate(() => "beforeUpdate" in window).catch(() => true), { timeout: 30_000 }).toBe(false);
}

const waitingWorker = (page: Page) => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));

/** Stored for offline use, then part-way through the form: on the contact step, a phone typed in. */
async function contactStepFilledIn(page: Page, context: BrowserContext) {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  await flow.start();
  await waitOfflineReady(page, "es");
  await flow.eligibility();
  await flow.travelers([family()[0]]);
  const phone = flow.field(m.contact.phone, { optional: true });
  await phone.fill(PHONE);
  return { flow, phone };
}

test("a new version deployed during a form waits, says so, and applies on Update or at the next step, keeping the answers", async ({ page, context }) => {
  test.setTimeout(120_000);
  const original = readFileSync(SW_FILE, "utf8");
  try {
    const { flow, phone } = await contactStepFilledIn(page, context);

    // The form is not interrupted: same page, same answer, a notice and a button.
    await deployNewVersion(page, original, 1);
    const notice = page.getByRole("status").filter({ hasText: m.offline.updateReady });
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await expect(phone).toHaveValue(PHONE);
    await flow.expectPage(m.contact.title);
    expect(await waitingWorker(page)).toBe(true);
    await auditScreen(page, "update notice");

    // "Update": the new version takes over, the page reloads, the answer is still there.
    await expectReload(page, () => flow.button(m.offline.updateNow).click());
    await flow.expectPage(m.contact.title);
    await expect(phone).toHaveValue(PHONE);
    await expect(notice).toHaveCount(0);
    expect(await waitingWorker(page)).toBe(false);
    await waitOfflineReady(page, "es");

    // Another version; this time the person just moves on to the next step.
    await deployNewVersion(page, original, 2);
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await expectReload(page, () => flow.continue(m.contact.continue));
    await flow.expectPage(m.photos.title);
    await expect(notice).toHaveCount(0);
    expect(await waitingWorker(page)).toBe(false);
    await page.goto("/es/book/contact");
    await expect(phone).toHaveValue(PHONE);
  } finally {
    writeFileSync(SW_FILE, original);
  }
});

test("a new version that does not take over when asked: the page reloads anyway after a few seconds, once, keeping the answers", async ({ page, context }) => {
  test.setTimeout(120_000);
  const original = readFileSync(SW_FILE, "utf8");
  try {
    const { flow, phone } = await contactStepFilledIn(page, context);

    // A version that ignores SKIP_WAITING, as the browser's switch does while the old version
    // still has work in progress: its first listener stops the message reaching the one that
    // would call skipWaiting().
    writeFileSync(
      SW_FILE,
      `self.addEventListener("message", (e) => { if (e.data && e.data.type === "SKIP_WAITING") e.stopImmediatePropagation(); });\n${original}\n// deployed, stuck\n`,
    );
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const notice = page.getByRole("status").filter({ hasText: m.offline.updateReady });
    await expect(notice).toBeVisible({ timeout: 20_000 });

    // "Update": nothing takes over, yet the page reloads by itself (after SWITCH_WAIT_MS)…
    const pressed = Date.now();
    await expectReload(page, () => flow.button(m.offline.updateNow).click());
    expect(Date.now() - pressed).toBeGreaterThanOrEqual(4_000);
    await flow.expectPage(m.contact.title);
    await expect(phone).toHaveValue(PHONE);
    // …asks once more, and, the version still waiting, says so again instead of reloading in a loop.
    expect(await waitingWorker(page)).toBe(true);
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await page.evaluate(() => Object.assign(window, { afterFallback: true }));
    await page.waitForTimeout(7_000);
    expect(await page.evaluate(() => "afterFallback" in window)).toBe(true);
    await expect(phone).toHaveValue(PHONE);
  } finally {
    writeFileSync(SW_FILE, original);
  }
});
