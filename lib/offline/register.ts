/**
 * The page's side of the service worker (lib/offline/sw/), through workbox-window. Loaded with a
 * dynamic import after the page is up, so it costs a first visit nothing before it is usable.
 */
export type ShellEvents = {
  /** A new version is installed and waiting for a safe moment to take over. */
  onUpdateReady: () => void;
  /** Everything this language needs offline is on the device. */
  onOfflineReady: () => void;
};

export type ShellControl = {
  /** Lets the waiting version take over; the page then reloads (the draft is already saved). */
  applyUpdate: () => void;
  /** Asks the server whether there is a new version (a client-side step change checks nothing). */
  checkForUpdate: () => Promise<void>;
};

// The page reads this attribute (tests and `npm run bench:offline` wait for it): the language
// whose pages, ports and keys are stored.
export const OFFLINE_READY_ATTRIBUTE = "data-offline-ready";

// Set once this page asked the waiting version to take over: the switch then reloads the page.
let applying = false;

/**
 * Tells when a new version is waiting, whenever it was found (on load, by a later update check,
 * by another tab), and reloads once a new version controls the page. workbox-window's own
 * `waiting`/`controlling` events are not used for this: they treat an update found in the first
 * minute after the very first install as that first install, and stop listening after one update.
 */
function watchForUpdates(registration: ServiceWorkerRegistration, onUpdateReady: () => void): void {
  // Without a controller this is the first install, which never waits.
  const waitsForUs = (worker: ServiceWorker) => worker.state === "installed" && Boolean(navigator.serviceWorker.controller);
  if (registration.waiting && waitsForUs(registration.waiting)) onUpdateReady();
  const follow = (worker: ServiceWorker | null) =>
    worker?.addEventListener("statechange", () => {
      if (waitsForUs(worker) && registration.waiting === worker) onUpdateReady();
    });
  // One may already be installing (found while this page was loading).
  follow(registration.installing);
  registration.addEventListener("updatefound", () => follow(registration.installing));

  let controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    const replaced = controller !== null;
    controller = navigator.serviceWorker.controller;
    if (!replaced) return; // the first version starting to serve this page: nothing to reload
    // This page's scripts belong to the old version: reload now if the person asked for it,
    // else at the next safe moment (the notice stays, and Update reloads).
    if (applying) window.location.reload();
    else onUpdateReady();
  });
}

// A dropped connection half-way through is retried a few times while the page stays open.
const RETRY_DELAYS_MS = [3_000, 15_000, 60_000];

/** Asks the worker in charge to store this language; marks the page offline-ready when done. */
async function storeLocale(locale: string, messageSW: typeof import("workbox-window").messageSW, onReady: () => void) {
  for (let attempt = 0; ; attempt++) {
    const { active } = await navigator.serviceWorker.ready;
    const reply = (await messageSW(active!, { type: "WARM_LOCALE", locale }).catch((error) => ({ ok: false, error }))) as { ok?: boolean; error?: string };
    if (reply?.ok) {
      document.documentElement.setAttribute(OFFLINE_READY_ATTRIBUTE, locale);
      return onReady();
    }
    if (attempt >= RETRY_DELAYS_MS.length) return;
    console.warn(`Puerta: storing the pages for offline use failed (${reply?.error}); trying again`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
  }
}

export async function registerServiceWorker(locale: string, events: ShellEvents): Promise<ShellControl | null> {
  if (!("serviceWorker" in navigator)) return null;
  const { Workbox, messageSW } = await import("workbox-window");
  const wb = new Workbox("/sw.js", { scope: "/" });
  const registration = await wb.register();
  if (!registration) return null;
  watchForUpdates(registration, events.onUpdateReady);

  void storeLocale(locale, messageSW, events.onOfflineReady);

  return {
    applyUpdate: () => {
      applying = true;
      // A version that already took over (from another tab) only needs this page reloaded.
      if (registration.waiting) wb.messageSkipWaiting();
      else window.location.reload();
    },
    checkForUpdate: async () => {
      await wb.update().catch(() => undefined);
    },
  };
}
