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

export async function registerServiceWorker(locale: string, events: ShellEvents): Promise<ShellControl | null> {
  if (!("serviceWorker" in navigator)) return null;
  const { Workbox, messageSW } = await import("workbox-window");
  const wb = new Workbox("/sw.js", { scope: "/" });

  wb.addEventListener("waiting", () => events.onUpdateReady());
  // Only a version taking over from another needs a reload (its scripts replace the old ones);
  // the very first one just starts serving this page.
  wb.addEventListener("controlling", (event) => {
    if (event.isUpdate) window.location.reload();
  });
  await wb.register();

  // The worker in charge stores this language (a waiting new one already stored the languages in use).
  const registration = await navigator.serviceWorker.ready;
  if (registration.active) {
    const reply = (await messageSW(registration.active, { type: "WARM_LOCALE", locale }).catch(() => null)) as { ok?: boolean } | null;
    if (reply?.ok) {
      document.documentElement.setAttribute(OFFLINE_READY_ATTRIBUTE, locale);
      events.onOfflineReady();
    }
  }

  return {
    applyUpdate: () => wb.messageSkipWaiting(),
    checkForUpdate: async () => {
      await wb.update().catch(() => undefined);
    },
  };
}
