/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { registerApiRoutes, warmApi } from "./api-cache";
import { staticFiles } from "./build-data";
import { deleteOldPageCaches, localeOf, usedLocales, warmLocale } from "./locale-pages";
import { handleNavigation } from "./navigation";
import { deliverOutbox, waitingCount } from "@/lib/offline/client/deliver";
import { refreshSealingKey } from "@/lib/offline/client/server-key";

/**
 * Puerta's service worker, compiled by `scripts/build-sw.ts` into `public/sw.js`.
 *
 * - The scripts, styles and icons every language shares are precached on install (content-hashed
 *   names, so each is downloaded once per change).
 * - A language's pages, the ports and the keys are stored when that language is first used
 *   (`WARM_LOCALE` from the page, or the first navigation this worker sees).
 * - A new version installs and warms the languages in use, then waits: it takes over only when the
 *   page says `SKIP_WAITING` (the person pressed "Update", or moved between steps), never in the
 *   middle of a form.
 *
 * - The server's sealing key is kept in IndexedDB, refreshed whenever a page says `WARM_LOCALE`.
 * - Background Sync (`puerta-outbox`) delivers queued applications even after the app was closed.
 */
declare const self: ServiceWorkerGlobalScope;

type PageMessage = { type: "SKIP_WAITING" } | { type: "WARM_LOCALE"; locale: string };

// Query strings never matter for these files (`/icon.svg?abc123` is the same icon).
precacheAndRoute(staticFiles, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
registerApiRoutes();
registerRoute(({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin, handleNavigation);

/**
 * Before a version may take over, the languages in use get pages that match its scripts: those
 * already stored, and on a first visit the language of the page registering it (stored alongside
 * the shared files instead of after them, which saves seconds on a slow connection).
 */
async function localesInUse(): Promise<string[]> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.map((client) => localeOf(new URL(client.url).pathname));
  return [...new Set([...(await usedLocales()), ...open.filter((l): l is string => l !== null)])];
}

self.addEventListener("install", (event) => {
  event.waitUntil(localesInUse().then((inUse) => Promise.all(inUse.map(warmLocale))));
});

// Controls the page that registered it, so the first visit is offline-ready without a reload.
// An update only reaches this point after SKIP_WAITING, when the page reloads anyway.
clientsClaim();
self.addEventListener("activate", (event) => event.waitUntil(deleteOldPageCaches()));

self.addEventListener("message", (event) => {
  const message = event.data as PageMessage | null;
  if (message?.type === "SKIP_WAITING") void self.skipWaiting();
  if (message?.type === "WARM_LOCALE") {
    // The page waits for the answer to know it is offline-ready.
    // The reason of a failure is a page address or a status, never anything a person typed.
    const reply = (ok: boolean, error?: string) => event.ports[0]?.postMessage({ ok, error });
    event.waitUntil(
      // Every page load sends this: the server's sealing key is refreshed here (it may have been
      // rotated), so that pages need not load that code (see components/outbox/outbox-runner.tsx).
      Promise.all([warmLocale(message.locale), warmApi(), refreshSealingKey()]).then(
        () => reply(true),
        (error: unknown) => reply(false, String(error)),
      ),
    );
  }
});

// The browser wakes the worker when a connection returns, even with Puerta closed. Failing the
// event while applications still wait asks the browser to try again later, with its own backoff.
type SyncEvent = ExtendableEvent & { tag: string };
self.addEventListener("sync" as "message", (event) => {
  const sync = event as unknown as SyncEvent;
  if (sync.tag !== "puerta-outbox") return;
  sync.waitUntil(
    deliverOutbox({ force: true }).then(async () => {
      if ((await waitingCount()) > 0) throw new Error("applications still waiting");
    }),
  );
});
