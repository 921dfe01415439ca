import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test } from "@playwright/test";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { chromiumLaunch, waitOfflineReady } from "./support/offline";
import { family } from "./support/people";

const m = catalogs.es;

// A real browser profile on disk, closed and opened again: the service worker, its caches and the
// draft must all survive it, as on a phone whose browser was swiped away with no signal.
test("installable; closed and reopened with no connection, the app opens and the traveler typed before is still there", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(path.join(os.tmpdir(), "puerta-offline-"));
  const options = { ...chromiumLaunch, baseURL, viewport: { width: 412, height: 915 } };
  try {
    const first = await chromium.launchPersistentContext(profile, options);
    await placeAt(first, TIJUANA);
    const page = first.pages()[0] ?? (await first.newPage());
    const flow = new BookingFlow(page, "es");
    const [person] = family();
    await flow.start();
    await waitOfflineReady(page, "es");
    // A real profile (not incognito): Chromium would offer to install it (manifest, icons, worker).
    const cdp = await first.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    await flow.eligibility();
    await flow.addTraveler(person, true);
    await expect(page.getByText(`${person.givenNames} ${person.familyNames}`).first()).toBeVisible();
    await first.close();

    const again = await chromium.launchPersistentContext(profile, { ...options, offline: true });
    const reopened = again.pages()[0] ?? (await again.newPage());
    // The home-screen app starts at `/<locale>`; `/` works too, through the last language used.
    await reopened.goto("/");
    await expect(reopened).toHaveURL(/\/es$/);
    await expect(reopened.getByRole("heading", { level: 1 })).toHaveText(m.start.title);
    await reopened.goto("/es/book/travelers");
    await expect(reopened.getByRole("heading", { level: 1 })).toHaveText(m.travelers.title);
    await expect(reopened.getByText(`${person.givenNames} ${person.familyNames}`).first()).toBeVisible();
    await expect(reopened.getByRole("status").filter({ hasText: m.offline.banner })).toBeVisible();
    // Moving on by the page's own buttons and links works offline too (Next's router falls back
    // to a full navigation, answered from the device).
    await reopened.getByRole("button", { name: m.travelers.continue, exact: true }).click();
    await expect(reopened.getByRole("heading", { level: 1 })).toHaveText(m.contact.title);
    await reopened.getByRole("link", { name: m.contact.back, exact: true }).click();
    await expect(reopened.getByRole("heading", { level: 1 })).toHaveText(m.travelers.title);
    await again.close();
  } finally {
    // Best effort: a browser left open by a failure may still be writing the profile, and that
    // must not hide the failure itself.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {}
  }
});
