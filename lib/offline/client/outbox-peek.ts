import "client-only";
/**
 * Whether anything is in the outbox, read with the bare IndexedDB API so that a page with
 * nothing to send loads none of the outbox's code (idb-keyval, decryption, delivery).
 * The names match lib/offline/client/outbox.ts.
 */
const DB = "puerta-outbox";
const STORE = "outbox";

export function outboxHasEntries(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve(false);
    const request = indexedDB.open(DB);
    // No such database: nothing was ever queued. Aborting leaves no empty database behind, which
    // would lack the store the outbox creates on its first use.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) {
        db.close();
        return resolve(false);
      }
      const count = db.transaction(STORE, "readonly").objectStore(STORE).count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result > 0);
      };
      count.onerror = () => {
        db.close();
        resolve(false);
      };
    };
  });
}
