import "client-only";
import { createStore, del, get, set, type UseStore } from "idb-keyval";

/**
 * Everything Puerta keeps of a person on the phone is encrypted with one AES-GCM key made on this
 * device. The key is non-extractable: the browser stores it in IndexedDB but never hands its bytes
 * to any script, so a copy of the raw stores (a shared or borrowed phone, a backup) holds only
 * ciphertext. Erasing the key makes every record unreadable at once.
 */
export type Sealed = { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer };

let store: UseStore | undefined;
const keys = () => (store ??= createStore("puerta-keys", "keys"));
const KEY_NAME = "device-key";

let pending: Promise<CryptoKey> | null = null;

function deviceKey(): Promise<CryptoKey> {
  pending ??= (async () => {
    const existing = await get<CryptoKey>(KEY_NAME, keys());
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    await set(KEY_NAME, key, keys());
    // Two tabs may both have made one: keep whichever was stored, so both read each other's records.
    return (await get<CryptoKey>(KEY_NAME, keys())) ?? key;
  })().catch((error) => {
    pending = null;
    throw error;
  });
  return pending;
}

async function encryptBytes(bytes: BufferSource): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await deviceKey(), bytes);
  return { iv, data };
}

async function decryptBytes(sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, await deviceKey(), sealed.data);
}

export const encryptJson = (value: unknown) => encryptBytes(new TextEncoder().encode(JSON.stringify(value)));

export async function decryptJson<T>(sealed: Sealed): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await decryptBytes(sealed))) as T;
}

/** A photo keeps its type next to its ciphertext (the type says nothing about the person). */
export type SealedBlob = Sealed & { type: string };

export async function encryptBlob(blob: Blob): Promise<SealedBlob> {
  return { ...(await encryptBytes(await blob.arrayBuffer())), type: blob.type };
}

export async function decryptBlob(sealed: SealedBlob): Promise<Blob> {
  return new Blob([await decryptBytes(sealed)], { type: sealed.type });
}

/** "Erase everything": without the key, whatever ciphertext might survive is noise. */
export async function forgetDeviceKey(): Promise<void> {
  pending = null;
  await del(KEY_NAME, keys());
}
