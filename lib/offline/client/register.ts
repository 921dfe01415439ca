import "client-only";
/**
 * The page's side of the service worker (lib/offline/service-worker/), through workbox-window. Loaded with a
 * dynamic import after the page is up, so it costs a first visit nothing before it is usable.
 */
export type ShellControl = {
  /** Lets the waiting version take over; the page then reloads (the draft is already saved). */
  applyUpdate: () => void;
  /** Asks the server whether there is a new version (a client-side step change checks nothing). */
  checkForUpdate: () => Promise<void>;
  /** Tells that the page shows `path` now: moving to another step applies a waiting version. */
  stepShown: (path: string) => void;
  /** Stores `locale`'s pages for offline use (once per language per page load). */
  storeLocale: (locale: string) => void;
};

// The page reads this attribute (tests and `npm run bench:offline` wait for it): the language
// whose pages, ports and keys are stored.
const OFFLINE_READY_ATTRIBUTE = "data-offline-ready";

// The state below belongs to the page, not to a React component: a component mounted again
// (a step change can remount the layout's children) must not forget that a version waits, or
// which step was shown before.
let updateReady = false;
const updateListeners = new Set<() => void>();
let lastStep: string | undefined;
let started: Promise<ShellControl | null> | undefined;
const storedLocales = new Set<string>();

// Set (for this tab) once the page asked the waiting version to take over. The browser switches
// versions only when the old one has finished its work in progress; should it still wait after
// SWITCH_WAIT_MS the page reloads anyway, and the page that loads asks again (see below).
const APPLYING_KEY = "puerta-update-applying";
const SWITCH_WAIT_MS = 5_000;

function markUpdateReady() {
  updateReady = true;
  updateListeners.forEach((listener) => listener());
}

/** Calls `listener` once a new version waits (at once if one already does); returns the unsubscribe. */
export function onUpdateReady(listener: () => void): () => void {
  updateListeners.add(listener);
  if (updateReady) listener();
  return () => updateListeners.delete(listener);
}

/**
 * Tells when a new version is waiting, whenever it was found (on load, by a later update check,
 * by another tab), and reloads once a new version controls the page. workbox-window's own
 * `waiting`/`controlling` events are not used for this: they treat an update found in the first
 * minute after the very first install as that first install, and stop listening after one update.
 */
function watchForUpdates(registration: ServiceWorkerRegistration, askToTakeOver: () => void): void {
  // Without a controller this is the first install, which never waits.
  const waitsForUs = (worker: ServiceWorker) => worker.state === "installed" && Boolean(navigator.serviceWorker.controller);
  if (registration.waiting && waitsForUs(registration.waiting)) {
    // This page was reloaded to let a new version take over, and it still waits: ask again (once:
    // the switch then reloads the page, and no second forced reload can start a loop).
    if (sessionStorage.getItem(APPLYING_KEY)) askToTakeOver();
    markUpdateReady();
  } else {
    sessionStorage.removeItem(APPLYING_KEY);
  }
  const follow = (worker: ServiceWorker | null) =>
    worker?.addEventListener("statechange", () => {
      if (waitsForUs(worker) && registration.waiting === worker) markUpdateReady();
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
    if (sessionStorage.getItem(APPLYING_KEY)) window.location.reload();
    else markUpdateReady();
  });
}

// A dropped connection half-way through is retried a few times while the page stays open.
const RETRY_DELAYS_MS = [3_000, 15_000, 60_000];

/** Asks the worker in charge to store this language; marks the page offline-ready when done. */
async function storeLocale(locale: string, messageSW: typeof import("workbox-window").messageSW) {
  for (let attempt = 0; ; attempt++) {
    const { active } = await navigator.serviceWorker.ready;
    const reply = (await messageSW(active!, { type: "WARM_LOCALE", locale }).catch((error) => ({ ok: false, error }))) as { ok?: boolean; error?: string };
    if (reply?.ok) {
      document.documentElement.setAttribute(OFFLINE_READY_ATTRIBUTE, locale);
      return;
    }
    if (attempt >= RETRY_DELAYS_MS.length) return;
    console.warn(`Puerta: storing the pages for offline use failed (${reply?.error}); trying again`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
  }
}

/** Registers the service worker once per page load; later calls get the same control. */
export function startServiceWorker(): Promise<ShellControl | null> {
  return (started ??= register());
}

async function register(): Promise<ShellControl | null> {
  if (!("serviceWorker" in navigator)) return null;
  const { Workbox, messageSW } = await import("workbox-window");
  const wb = new Workbox("/sw.js", { scope: "/" });
  const registration = await wb.register();
  if (!registration) return null;

  const applyUpdate = () => {
    sessionStorage.setItem(APPLYING_KEY, "1");
    // A version that already took over (from another tab) only needs this page reloaded.
    if (!registration.waiting) return window.location.reload();
    wb.messageSkipWaiting();
    window.setTimeout(() => window.location.reload(), SWITCH_WAIT_MS);
  };
  watchForUpdates(registration, () => wb.messageSkipWaiting());

  return {
    applyUpdate,
    checkForUpdate: async () => {
      await wb.update().catch(() => undefined);
    },
    stepShown: (path) => {
      const moved = lastStep !== undefined && lastStep !== path;
      lastStep = path;
      // Moving to another step is the safe moment: the draft was saved on every change, and the
      // reload that follows the switch lands on the step the person chose.
      if (moved && updateReady) applyUpdate();
    },
    storeLocale: (locale) => {
      if (storedLocales.has(locale)) return;
      storedLocales.add(locale);
      void storeLocale(locale, messageSW);
    },
  };
}
