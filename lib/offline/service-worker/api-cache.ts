/// <reference lib="webworker" />
import { ExpirationPlugin } from "workbox-expiration";
import { registerRoute } from "workbox-routing";
import { NetworkFirst } from "workbox-strategies";
import type { WorkboxPlugin } from "workbox-core/types";

/**
 * The few public GETs a person needs offline: the ports, the free times they last looked at, and
 * the server's public keys (to seal an application while offline). Network first, so what is shown
 * is fresh whenever a connection allows; after a short wait the stored copy answers instead, marked
 * with the time it was fetched so the page can say "as of …". Nothing else of the API is touched:
 * POST/DELETE and anything carrying Authorization always go to the network.
 *
 * Free times also come with an ETag and a few seconds of Cache-Control for the browser's HTTP
 * cache. The app asks for them with `no-cache`, so the fetch below revalidates that copy (a 304
 * arrives here as the 200 it confirms) and is never a copy taken on trust; only a network that
 * fails or is too slow brings the stored copy, stamped, as before.
 */
const API_CACHE = "puerta-api";
const CACHED_AT_HEADER = "x-puerta-cached-at";

// Long enough for a slow 4G answer, short enough that a person on a dead connection sees the
// stored ports at once instead of a spinner.
const NETWORK_TIMEOUT_SECONDS = 4;

const PUBLIC_GETS = [/^\/api\/v1\/ports$/, /^\/api\/v1\/ports\/[^/]+\/availability$/, /^\/api\/v1\/keys$/];

const isCachedApi = (url: URL, request: Request) =>
  url.origin === self.location.origin &&
  request.method === "GET" &&
  !request.headers.has("authorization") &&
  PUBLIC_GETS.some((pattern) => pattern.test(url.pathname));

/** A copy to store, stamped with when it was fetched; null for an answer not worth keeping. */
async function stamped(response: Response): Promise<Response | null> {
  if (!response.ok) return null;
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT_HEADER, new Date().toISOString());
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

// Only the stored copy is stamped: the answer the page gets now is fresh and says nothing.
const stampFetchTime: WorkboxPlugin = { cacheWillUpdate: async ({ response }) => stamped(response) };

/**
 * Free times are asked for "from today": offline on another day the exact URL was never stored,
 * so the last times stored for that port answer instead (shown with their date).
 */
const sameResourceAnyQuery: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ cacheName, request, cachedResponse }) =>
    cachedResponse ?? (await (await caches.open(cacheName)).match(request, { ignoreSearch: true })) ?? null,
};

export function registerApiRoutes(): void {
  registerRoute(
    ({ url, request }) => isCachedApi(url, request),
    new NetworkFirst({
      cacheName: API_CACHE,
      networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
      plugins: [stampFetchTime, sameResourceAnyQuery, new ExpirationPlugin({ maxEntries: 30 })],
    }),
  );
}

/** Stores the ports and keys when a language is first used, so they are there before any step asks. */
export async function warmApi(): Promise<void> {
  const cache = await caches.open(API_CACHE);
  await Promise.all(
    ["/api/v1/ports", "/api/v1/keys"].map(async (url) => {
      const copy = await stamped(await fetch(url, { credentials: "same-origin" }));
      if (copy) await cache.put(url, copy);
    }),
  );
}
