import { expect, test } from "@playwright/test";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { cachedPagePaths, waitOfflineReady } from "./support/offline";

const m = catalogs.es;

// Every page of the flow, with the heading it must show (query strings as the steps use them).
const STEPS = [
  ["/es", m.start.title],
  ["/es/book/eligibility", m.eligibility.title],
  ["/es/book/travelers", m.travelers.title],
  ["/es/book/traveler?id=new&return=%2Fbook%2Fcheck", m.traveler.title],
  ["/es/book/contact", m.contact.title],
  ["/es/book/photos", m.photos.title],
  ["/es/book/port", m.port.title],
  ["/es/book/check", m.check.title],
  ["/es/book/done?code=ABCDE-FGHJK", m.done.title],
  ["/es/appointment", m.appointment.title],
] as const;

test("after one visit in Spanish, every page of the flow opens offline (by address, on reload, in a new tab); French is stored once used", async ({ page, context }) => {
  await page.goto("/es");
  await waitOfflineReady(page, "es");
  // Only the language used is stored: a first visit on a prepaid plan pays for one language.
  const stored = await cachedPagePaths(page);
  expect(stored.filter((p) => p.startsWith("/es")).length).toBeGreaterThanOrEqual(10);
  expect(stored.filter((p) => !p.startsWith("/es/") && p !== "/es")).toEqual([]);

  await context.setOffline(true);
  for (const [path, title] of STEPS) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(title);
  }
  await expect(page.getByRole("status").filter({ hasText: m.offline.banner })).toBeVisible();
  await auditScreen(page, "offline banner");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.appointment.title);

  const tab = await context.newPage();
  await tab.goto("/es/book/port");
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(m.port.title);
  // `/` needs the server to pick a language: offline it opens the last language used.
  await tab.goto("/");
  await expect(tab).toHaveURL(/\/es$/);
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(m.start.title);

  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: m.offline.banner })).toHaveCount(0);

  // A second language is stored when it is first used, and then works offline as well.
  await page.goto("/fr");
  await waitOfflineReady(page, "fr");
  expect(await cachedPagePaths(page)).toContain("/fr/book/port");
  await context.setOffline(true);
  await page.goto("/fr/book/contact");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(catalogs.fr.contact.title);
});

test("offline, the port step shows the ports and free times last seen, saying when they were fetched", async ({ page, context }) => {
  test.setTimeout(120_000);
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "es");
  await flow.start();
  await waitOfflineReady(page, "es");
  await flow.eligibility();
  await flow.travelers([{ givenNames: "Rosa", familyNames: "Pérez", dateOfBirth: ["3", "4", "1990"], sex: "F", nationality: "HND", countryOfBirth: "HND" }]);
  await flow.contact();
  await flow.photosWithCamera(1);
  await flow.portRadio(/San Ysidro/).check();
  await expect(flow.dayButtons.first()).toBeVisible();
  // Online, what is shown is fresh: no "as of".
  await expect(page.getByText(/^Información guardada/)).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await flow.expectPage(m.port.title);
  // Twice: above the ports and above the free times of the chosen port.
  await expect(page.getByText(/^Información guardada del .+\. Puede haber cambiado\.$/)).toHaveCount(2);
  await expect(flow.portRadio(/San Ysidro/)).toBeChecked();
  await flow.dayButtons.first().click();
  await expect(flow.timeRadios.first()).toBeVisible();
  await auditScreen(page, "port step offline, as of");

  // Only the public GETs are kept: nothing sent, nothing behind a bearer secret.
  const kept = await page.evaluate(async () => (await (await caches.open("puerta-api")).keys()).map((r) => new URL(r.url).pathname));
  expect(kept.length).toBeGreaterThanOrEqual(3);
  for (const path of kept) expect(path).toMatch(/^\/api\/v1\/(ports|ports\/[^/]+\/availability|keys)$/);
});

test("the service worker, each language's manifest and the icons are served outside the language redirect", async ({ request }) => {
  const sw = await request.get("/sw.js", { maxRedirects: 0 });
  expect(sw.status()).toBe(200);
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  expect(sw.headers()["content-type"]).toMatch(/javascript/);

  for (const locale of ["es", "ar"] as const) {
    const response = await request.get(`/${locale}/manifest.webmanifest`, { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      name: catalogs[locale].offline.appName,
      short_name: catalogs[locale].offline.shortName,
      lang: locale,
      start_url: `/${locale}`,
      scope: "/",
      display: "standalone",
    });
    const maskable = manifest.icons.filter((icon: { purpose: string }) => icon.purpose === "maskable");
    expect(maskable.map((icon: { sizes: string }) => icon.sizes)).toContain("512x512");
    for (const icon of manifest.icons as { src: string }[]) {
      const png = await request.get(icon.src, { maxRedirects: 0 });
      expect(png.status(), icon.src).toBe(200);
      expect(png.headers()["content-type"]).toBe("image/png");
    }
  }
});
