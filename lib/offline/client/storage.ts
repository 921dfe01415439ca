import "client-only";
/**
 * Space on the device. Drafts, photos and the offline pages live in the browser's storage, which
 * the browser may clear under pressure unless it is persisted, and which runs out on cheap phones.
 */

// Below this, a few photos (about 100 KB each) and a sealed application may no longer fit.
const LOW_FREE_BYTES = 10 * 1024 * 1024;
const HIGH_USED_SHARE = 0.9;

/** True when the person should be warned: less than 10 MB free, or more than 90% used. */
export function isStorageLow({ usage, quota }: { usage?: number; quota?: number }): boolean {
  if (!quota || usage === undefined) return false;
  return quota - usage < LOW_FREE_BYTES || usage / quota > HIGH_USED_SHARE;
}

export async function storageIsLow(): Promise<boolean> {
  if (!navigator.storage?.estimate) return false;
  return isStorageLow(await navigator.storage.estimate().catch(() => ({})));
}

/**
 * Asks the browser not to clear Puerta's data. Called after the person first types something, not
 * on load: Chrome grants it silently to sites in use, and a prompt out of nowhere would confuse.
 */
export async function persistStorage(): Promise<void> {
  if (!navigator.storage?.persist || (await navigator.storage.persisted?.())) return;
  await navigator.storage.persist().catch(() => false);
}
