/// <reference lib="webworker" />
import { buildVersion, locales, pagesByLocale } from "./build-data";

/**
 * Each language's pages, cached only once that language is used: a first visit on a prepaid plan
 * downloads one language, not seven. The cache is named after the build, so a new version fills
 * its own cache while the old worker keeps serving the old one, and pages always match the
 * scripts precached beside them.
 */
const PAGES_PREFIX = "puerta-pages-";
const pagesCacheName = `${PAGES_PREFIX}${buildVersion}`;

// The last language used, so `/` (whose redirect needs the server) still opens the app offline.
const STATE_CACHE = "puerta-state";
const LAST_LOCALE = "/__puerta/last-locale";

export function localeOf(pathname: string): string | null {
  const first = pathname.split("/")[1] ?? "";
  return locales.includes(first) ? first : null;
}

export async function rememberLocale(locale: string): Promise<void> {
  const cache = await caches.open(STATE_CACHE);
  await cache.put(LAST_LOCALE, new Response(locale));
}

export async function lastLocale(): Promise<string | null> {
  const response = await (await caches.open(STATE_CACHE)).match(LAST_LOCALE);
  const locale = response ? await response.text() : null;
  return locale && locales.includes(locale) ? locale : null;
}

/** Languages this device has used: a new version warms the same ones before it takes over. */
export async function usedLocales(): Promise<string[]> {
  const keys = await Promise.all(
    (await caches.keys()).filter((name) => name.startsWith(PAGES_PREFIX)).map(async (name) => (await caches.open(name)).keys()),
  );
  const used = new Set(keys.flat().map((request) => localeOf(new URL(request.url).pathname)));
  return locales.filter((locale) => used.has(locale));
}

// A phone on one bar of signal: a few requests at a time rather than a dozen competing ones.
const PARALLEL = 3;
const FETCH_TIMEOUT_MS = 60_000;

// A language being stored: a navigation and the page's WARM_LOCALE often ask at the same moment,
// and must not download the same pages twice.
const warming = new Map<string, Promise<void>>();

/** Stores every page of `locale` not stored yet. Rejects if one cannot be fetched. */
export function warmLocale(locale: string): Promise<void> {
  const running = warming.get(locale);
  if (running) return running;
  const done = storeLocalePages(locale).finally(() => warming.delete(locale));
  warming.set(locale, done);
  return done;
}

async function storeLocalePages(locale: string): Promise<void> {
  const entries = pagesByLocale[locale];
  if (!entries) return;
  const cache = await caches.open(pagesCacheName);
  const queue = [...entries];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      if (await cache.match(entry.url)) continue;
      // `no-cache`: revalidate with the server, never take a page from an older build's HTTP cache.
      // A connection that dies silently would otherwise hold the page's "offline-ready" forever.
      const response = await fetch(entry.url, { cache: "no-cache", credentials: "same-origin", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok || response.redirected) throw new Error(`page ${entry.url}: ${response.status}`);
      await cache.put(entry.url, response);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await rememberLocale(locale);
}

/** A cached page of this build, whatever its query string (`?traveler=…&return=…`). */
export async function cachedPage(pathname: string): Promise<Response | undefined> {
  return (await caches.open(pagesCacheName)).match(pathname, { ignoreSearch: true });
}

/** Drops page caches of older builds once this one is in charge. */
export async function deleteOldPageCaches(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PAGES_PREFIX) && n !== pagesCacheName).map((n) => caches.delete(n)));
}
