import type { Page } from "@playwright/test";

/** One value the app keeps in IndexedDB: sealed under the device key as the app seals it, or in the clear. */
export type DeviceWrite = {
  db: string;
  store: string;
  key: string;
  /** JSON-encoded, then sealed. */
  json?: unknown;
  /** Sealed as they are, with their media type beside (a draft's photo). */
  bytes?: { data: number[]; type: string };
  /** Stored in the clear (the draft's last save time). */
  plain?: unknown;
};

/**
 * Writes into the page's IndexedDB as the app does (lib/client/device: a non-extractable AES-GCM
 * device key in `puerta-keys`, made here when the page has none yet). The page must be on the
 * app's origin; reload it afterwards so the app reads what was written.
 */
export async function writeOnDevice(page: Page, writes: DeviceWrite[]) {
  await page.evaluate(async (writes) => {
    const open = (name: string, store: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onupgradeneeded = () => req.result.createObjectStore(store);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const run = <T,>(db: IDBDatabase, store: string, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        const req = act(db.transaction(store, mode).objectStore(store));
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const keys = await open("puerta-keys", "keys");
    let key = (await run(keys, "keys", "readonly", (s) => s.get("device-key"))) as CryptoKey | undefined;
    if (!key) {
      key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      await run(keys, "keys", "readwrite", (s) => s.put(key, "device-key"));
    }
    keys.close();
    const seal = async (bytes: Uint8Array<ArrayBuffer>) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      return { iv, data: await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, bytes) };
    };
    for (const write of writes) {
      const value =
        write.plain !== undefined ? write.plain
        : write.bytes ? { ...(await seal(new Uint8Array(write.bytes.data))), type: write.bytes.type }
        : await seal(new TextEncoder().encode(JSON.stringify(write.json)));
      const db = await open(write.db, write.store);
      await run(db, write.store, "readwrite", (s) => s.put(value, write.key));
      db.close();
    }
  }, writes);
}
