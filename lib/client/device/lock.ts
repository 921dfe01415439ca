import "client-only";
/**
 * One writer at a time across every tab and the service worker: an encrypted list must be read,
 * decrypted, changed, encrypted and written back, and IndexedDB transactions cannot span the
 * awaits of WebCrypto. The Web Locks API serializes that across contexts; where it is missing,
 * a queue in this context is the best there is.
 */
const local = new Map<string, Promise<unknown>>();

export function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && navigator.locks) return navigator.locks.request(name, work) as Promise<T>;
  const previous = local.get(name) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(work);
  local.set(name, next);
  return next;
}
