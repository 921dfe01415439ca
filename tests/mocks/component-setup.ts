// Component tests: a real IndexedDB implementation (in memory) under idb-keyval, the API answered
// by the shared contract handlers through MSW, and a clean DOM and storage for every test.
// Only Next.js's router is replaced (see navigation.tsx): it cannot run outside a Next.js app.
import "fake-indexeddb/auto";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { location } from "./navigation";
import { server } from "./server";

// findBy…/waitFor wait for something to appear; they assert no speed. Testing Library gives up
// after 1 s, which a lazily loaded component can take while the whole suite shares two cores.
configure({ asyncUtilTimeout: 10_000 });

vi.mock("@/lib/shared/i18n/navigation", async () => (await import("./navigation")).i18nNavigation);
vi.mock("next/navigation", async () => (await import("./navigation")).nextNavigation);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(async () => {
  cleanup();
  vi.clearAllMocks();
  location.search = new URLSearchParams();
  server.resetHandlers();
  await emptyIndexedDb();
});
afterAll(() => server.close());

/**
 * Empties every object store of every database, whatever the app named them. The databases stay
 * (the app's modules keep their connections open, so deleting would block): only their contents go.
 */
async function emptyIndexedDb(): Promise<void> {
  const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await request(indexedDB.open(name));
    const stores = [...db.objectStoreNames];
    if (stores.length > 0) {
      const tx = db.transaction(stores, "readwrite");
      await Promise.all(stores.map((store) => request(tx.objectStore(store).clear())));
    }
    db.close();
  }
}
