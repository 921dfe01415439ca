import type { Page } from "@playwright/test";

/**
 * Everything the app stored in the browser, read raw as anyone holding the phone (or a copy of its
 * profile) could: every IndexedDB record, bytes and blobs decoded as text both as UTF-8 and byte by
 * byte, plus every cached response body. A test searches it for what the person typed.
 */
export async function rawDeviceStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const decoder = new TextDecoder("utf-8", { fatal: false });
    const bytesAsText = (bytes: Uint8Array) => `${decoder.decode(bytes)}\n${Array.from(bytes, (b) => String.fromCharCode(b)).join("")}`;
    const flatten = async (value: unknown): Promise<string> => {
      if (value instanceof ArrayBuffer) return bytesAsText(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return bytesAsText(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (value instanceof Blob) return bytesAsText(new Uint8Array(await value.arrayBuffer()));
      if (Array.isArray(value)) return (await Promise.all(value.map(flatten))).join("\n");
      if (value && typeof value === "object") {
        if (value instanceof CryptoKey) return "[CryptoKey]";
        const parts = await Promise.all(Object.entries(value).map(async ([k, v]) => `${k}: ${await flatten(v)}`));
        return parts.join("\n");
      }
      return String(value);
    };
    const out: string[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        out.push(`${name}/${storeName}:\n${await flatten(values)}`);
      }
      db.close();
    }
    if (typeof caches !== "undefined") {
      for (const cacheName of await caches.keys()) {
        const cache = await caches.open(cacheName);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          if (response) out.push(`${cacheName} ${request.url}:\n${bytesAsText(new Uint8Array(await response.arrayBuffer()))}`);
        }
      }
    }
    return out.join("\n");
  });
}
