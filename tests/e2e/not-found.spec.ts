import { expect, test } from "@playwright/test";
import { catalogs } from "@/lib/server/i18n/catalogs";
import type { Locale } from "@/lib/shared/i18n/locales";
import { auditScreen } from "./support/audit";

test.use({ viewport: { width: 360, height: 740 } });
// Each screen is audited (axe, reflow, targets): seconds apiece on a busy machine.
test.describe.configure({ timeout: 180_000 });

const paths: [Locale, string][] = [
  ["es", "/es/nada"],
  ["ht", "/ht/pa-gen-paj-sa-a"],
  ["ar", "/ar/book/لا-شيء"],
];

for (const [locale, path] of paths) {
  test(`${path}: "not found" in the page's language, with the header and a way home, status 404`, async ({ page }) => {
    const m = catalogs[locale];
    const response = await page.goto(path);
    expect(response!.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.notFound.title);
    await expect(page.getByText(m.notFound.body)).toBeVisible();
    // The app's header: its name (a link home) and the language switcher.
    await expect(page.getByRole("banner").getByRole("link", { name: m.layout.siteName })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("combobox")).toHaveValue(locale);
    await auditScreen(page, `${locale}: not found`);

    await page.getByRole("link", { name: m.notFound.home, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.start.title);
  });
}

test("a path without a language is answered in the browser's language, still 404", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-MX", extraHTTPHeaders: { "accept-language": "es-MX,es;q=0.9" } });
  try {
    const page = await context.newPage();
    const response = await page.goto("/nada");
    expect(response!.status()).toBe(404);
    expect(new URL(page.url()).pathname).toBe("/es/nada");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(catalogs.es.notFound.title);
  } finally {
    await context.close();
  }
});

test("a path the language redirect leaves alone gets the same page in English, whose way home finds the language", async ({ page }) => {
  const response = await page.goto("/nada.txt");
  expect(response!.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(catalogs.en.notFound.title);
  await expect(page.getByRole("banner").getByRole("link", { name: catalogs.en.layout.siteName })).toBeVisible();
  await auditScreen(page, "not found outside a language");
  await page.getByRole("link", { name: catalogs.en.notFound.home, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(catalogs.en.start.title);
});

// Next.js answered these with a bare text/plain 500 (no security headers): server.mjs escapes the
// segments that do not decode (lib/server/http/decodable-target.mjs), so they are paths like any other.
test("a page path that does not decode is the same 404 in the page's language, never a 500", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "accept-language": "es-MX,es;q=0.9" } });
  try {
    const page = await context.newPage();
    for (const [path, locale] of [["/ar/%ff", "ar"], ["/es/book/%E2%82", "es"], ["/%ff%fe", "es"]] as const) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(404);
      expect(response!.headers()["content-type"], path).toMatch(/^text\/html/);
      expect(response!.headers()["x-content-type-options"], path).toBe("nosniff");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(catalogs[locale].notFound.title);
    }
  } finally {
    await context.close();
  }
});
