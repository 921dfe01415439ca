import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { attestationIds } from "@/lib/eligibility/shared/attestations";
import type { Locale } from "@/lib/shared/i18n/locales";
import type { Draft } from "@/lib/scheduling/client/draft";
import { slotsAt } from "./support/api";
import { auditScreen } from "./support/audit";
import { BookingFlow, placeAt, TIJUANA } from "./support/booking-flow";
import { countryBox, countryOptions } from "./support/country-steps";
import { fillNameScreen } from "./support/traveler-steps";
import { writeOnDevice } from "./support/device-store";
import { family } from "./support/people";
import { jpegFile } from "./support/photos";

// Names, dates and times in the person's language on a phone, including Haitian Creole, for which
// Chromium has no locale data (Intl quietly answers in English): Puerta's own names must show, and
// no French (CLDR's "ht") or English. Zones read as people say them, on one line.
test.use({ viewport: { width: 360, height: 740 } });
// axe on a phone-sized page takes a while on a busy machine.
test.describe.configure({ timeout: 180_000 });

const ENGLISH_OR_FRENCH = /\b(Afrique|Haïti|Honduras|Mexique|Mexico|Passport|Female|AM|PM|PT|Pacific|Spanish|French|Creole|January|May|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|mai|décembre|lundi|mardi|heure)\b/;
const CREOLE_MONTH = /\b(janvye|fevriye|mas|avril|me|jen|jiyè|out|septanm|oktòb|novanm|desanm)\b/;
const CREOLE_WEEKDAY = /\b(dimanch|lendi|madi|mèkredi|jedi|vandredi|samdi)\b/;

/** Every answer given, kept on the device as the app keeps its draft (encrypted under the device key). */
async function keepDraft(page: Page, request: APIRequestContext, locale: Locale) {
  const [person] = family("HND");
  const { ports } = (await (await request.get("/api/v1/ports")).json()) as { ports: NonNullable<Draft["port"]>[] };
  const port = ports.find((p) => p.id === "san-ysidro")!;
  const slot = (await slotsAt(request, port.id)).find((s) => s.remaining > 0 && Date.parse(s.start) > Date.now() + 3_600_000)!;
  const draft: Draft = {
    attestations: [...attestationIds],
    location: { ...TIJUANA, capturedAt: new Date().toISOString() },
    travelers: [{
      id: "rose", givenNames: person.givenNames, familyNames: person.familyNames, dateOfBirth: { day: "14", month: "5", year: "1992" },
      sex: "F", nationality: "HND", countryOfBirth: "HTI", preferredLanguage: "ht", documentType: "passport", documentNumber: "PA1234567", documentCountry: "HND",
    }],
    contact: { phone: "+526641234567", email: "" },
    portId: port.id,
    port: { id: port.id, name: port.name, state: port.state, timeZone: port.timeZone, mode: port.mode, address: port.address },
    slot: { id: slot.id, start: slot.start, end: slot.end },
    idempotencyKey: null,
    failure: null,
  };
  const photo = [...(await jpegFile()).buffer];
  await page.goto(`/${locale}`);
  await writeOnDevice(page, [
    { db: "puerta-draft", store: "draft", key: "savedAt", plain: Date.now() },
    { db: "puerta-draft", store: "draft", key: "draft", json: draft },
    { db: "puerta-draft", store: "draft", key: "photo:rose", bytes: { data: photo, type: "image/jpeg" } },
  ]);
  return { person, draft };
}

/** The text of one detail on the check page ("Nationality"), in its traveler's answers. */
const detail = (page: Page, label: string) => page.locator("dl dl dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");

/** How many lines an element's text takes: a zone name must fit on one. */
const lines = (page: Page, text: string) =>
  page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.querySelector("main")!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }
    return 0;
  }, text);

test("check your answers in Haitian Creole: Creole names, dates and zone, every answer and the photo", async ({ page, request }) => {
  // The premise: this browser has no Creole, so what shows is Puerta's own.
  expect(await page.evaluate(() => Intl.DateTimeFormat.supportedLocalesOf(["ht"]))).toEqual([]);
  const flow = new BookingFlow(page, "ht");
  const { m } = flow;
  const { person } = await keepDraft(page, request, "ht");
  await page.goto("/ht/book/check");
  await flow.expectPage(m.check.title);

  const d = m.check.details;
  await expect(detail(page, d.nationality)).toHaveText("Ondiras");
  await expect(detail(page, d.countryOfBirth)).toHaveText("Ayiti");
  await expect(detail(page, d.dateOfBirth)).toHaveText("14 me 1992");
  await expect(detail(page, d.sex)).toHaveText(m.check.sexOptions.F);
  await expect(detail(page, d.document)).toContainText(`${m.check.documentTypes.passport} \u2066PA1234567`);
  await expect(detail(page, d.document)).toContainText("Ondiras");
  await expect(detail(page, d.language)).toHaveText("Kreyòl ayisyen");
  await expect(flow.answer(m.check.phone)).toHaveText("+52 664 123 4567");
  const thumbnail = page.getByRole("img", { name: m.check.photoOf.replace("{name}", `${person.givenNames} ${person.familyNames}`) });
  await expect(thumbnail).toBeVisible();
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const time = flow.answer(m.check.time);
  await expect(time).toContainText("lè\u00a0Pasifik");
  const when = (await time.textContent())!;
  expect(when).toMatch(CREOLE_WEEKDAY);
  expect(when).toMatch(CREOLE_MONTH);
  expect(await lines(page, "lè\u00a0Pasifik")).toBe(1);
  expect(await page.locator("main").innerText()).not.toMatch(ENGLISH_OR_FRENCH);
  await auditScreen(page, "check in ht");

  // Sent, then printed: the paper writes the date and the country in Creole, not 1992-05-14 and HND.
  await flow.button(m.check.send).click();
  // Sending uploads the photo; on a slow line (or a busy test machine) that takes a while.
  await expect(flow.heading).toHaveText(m.done.title, { timeout: 60_000 });
  await page.emulateMedia({ media: "print" });
  const record = page.getByRole("table");
  await expect(record.getByRole("cell", { name: "14 me 1992" })).toBeVisible();
  await expect(record.getByRole("cell", { name: "Ondiras" })).toBeVisible();
  await expect(record).not.toContainText("HND");
  await expect(record).not.toContainText("passport");
  await page.emulateMedia({ media: "screen" });
  await auditScreen(page, "done in ht");
});

test("a country list in Haitian Creole names countries in Creole", async ({ page, context }) => {
  await placeAt(context, TIJUANA);
  const flow = new BookingFlow(page, "ht");
  const { m } = flow;
  await flow.start();
  await flow.eligibility();
  await flow.button(m.travelers.addFirst).click();
  // Names, birth and sex first; the nationality is asked on the next screen.
  const [person] = family("HTI");
  const t = m.traveler;
  await fillNameScreen(flow, { ...person, dateOfBirth: ["14", "5", "1992"], sex: "F" });
  await flow.continue(t.save);
  const box = countryBox(flow, t.nationality);
  await box.fill("Ay");
  await expect(countryOptions(flow, m.traveler.nationality).filter({ hasText: /^Ayiti$/ })).toHaveCount(1);
  await box.fill("Eta");
  await expect(countryOptions(flow, m.traveler.nationality).filter({ hasText: /^Etazini$/ })).toHaveCount(1);
  await box.fill("Mek");
  await expect(countryOptions(flow, m.traveler.nationality).filter({ hasText: /^Meksik$/ })).toHaveCount(1);
  await box.fill("Afr");
  const options = await countryOptions(flow, m.traveler.nationality).allInnerTexts();
  expect(options).toContain("Afrik di Sid");
  expect(options.join("|")).not.toMatch(/Afrique|Africa/);
});

for (const [locale, zone, forbidden] of [
  ["es", "hora del Pacífico", /Los Ángeles|Los Angeles|a\. m\.|PT\b/],
  ["ar", "توقيت المحيط الهادئ", /لوس|Los/],
] as const) {
  test(`check your answers in ${locale}: every answer, the zone as people say it on one line`, async ({ page, request }) => {
    const flow = new BookingFlow(page, locale);
    const { m } = flow;
    const { person } = await keepDraft(page, request, locale);
    await page.goto(`/${locale}/book/check`);
    await flow.expectPage(m.check.title);
    const d = m.check.details;
    for (const label of [d.nationality, d.sex, d.document, d.language, d.dateOfBirth]) await expect(detail(page, label)).not.toBeEmpty();
    await expect(page.getByRole("img", { name: m.check.photoOf.replace("{name}", `${person.givenNames} ${person.familyNames}`) })).toBeVisible();
    const time = flow.answer(m.check.time);
    const unbroken = zone.replace(/ /g, "\u00a0");
    await expect(time).toContainText(unbroken);
    await expect(time).not.toContainText(forbidden);
    expect(await lines(page, unbroken)).toBe(1);
    if (locale === "es") {
      await expect(detail(page, d.nationality)).toHaveText("Honduras");
      await expect(detail(page, d.dateOfBirth)).toHaveText("14 de mayo de 1992");
      await expect(detail(page, d.language)).toHaveText("criollo haitiano");
    }
    await auditScreen(page, `check in ${locale}`);
  });
}
