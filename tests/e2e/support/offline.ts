import { expect, type Page } from "@playwright/test";
import config from "../../../playwright.config";

/** The Chromium flags the config uses, for tests that launch their own persistent browser. */
export const chromiumLaunch = {
  executablePath: config.use?.launchOptions?.executablePath,
  args: config.use?.launchOptions?.args,
};

/** Waits until the service worker controls the page and has stored `locale` for offline use. */
export async function waitOfflineReady(page: Page, locale: string) {
  await expect(page.locator("html")).toHaveAttribute("data-offline-ready", locale, { timeout: 30_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(/\/sw\.js$/);
}

/** Every page path stored in the page caches of the service worker. */
export async function cachedPagePaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith("puerta-pages-"));
    const keys = await Promise.all(names.map(async (name) => (await caches.open(name)).keys()));
    return keys.flat().map((request) => new URL(request.url).pathname);
  });
}
