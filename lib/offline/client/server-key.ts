import "client-only";
import { createStore, del, get, set, type UseStore } from "idb-keyval";
import type { JWK } from "jose";
import { fetchSealingKey } from "./sealing-key";

/**
 * The server's public sealing key, kept on the phone from the first online visit so that an
 * application can be sealed with no signal at all. It is public: stored as is.
 */
let store: UseStore | undefined;
const db = () => (store ??= createStore("puerta-server-key", "keys"));
const KEY = "sealing";

/** Fetches the key when online (it may have been rotated) and keeps it; quietly keeps the old one offline. */
export async function refreshSealingKey(fetchImpl: typeof fetch = fetch): Promise<void> {
  try {
    await set(KEY, await fetchSealingKey(fetchImpl), db());
  } catch {
    // Offline or the server is down: the stored key (if any) still seals.
  }
}

export async function sealingKey(): Promise<JWK | null> {
  const stored = await get<JWK>(KEY, db());
  if (stored) return stored;
  await refreshSealingKey();
  return (await get<JWK>(KEY, db())) ?? null;
}

export async function forgetSealingKey(): Promise<void> {
  await del(KEY, db());
}
