import "client-only";
import { clear, createStore, del, get, set, type UseStore } from "idb-keyval";
import { decryptBlob, decryptJson, encryptBlob, encryptJson, type Sealed, type SealedBlob } from "@/lib/client/device/device-crypto";
import { draftAge, type DraftAge } from "./draft-expiry";
import { emptyDraft, type Draft } from "./draft";

/**
 * Where the draft lives on the device: IndexedDB, saved on every change, surviving reloads and a
 * closed tab. Every answer and photo is stored encrypted (lib/client/device/device-crypto.ts); only the
 * time of the last save is in the clear, so that an old draft can expire without being decrypted.
 * The steps only call these functions.
 */
let store: UseStore | undefined;
const db = () => (store ??= createStore("puerta-draft", "draft"));

const DRAFT_KEY = "draft";
const SAVED_AT_KEY = "savedAt";
const photoKey = (travelerId: string) => `photo:${travelerId}`;

/** A record that no longer decrypts (erased key, another browser profile's copy) counts as absent. */
async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

export async function loadDraft(): Promise<Draft> {
  const age = await draftStatus();
  if (age?.expired) {
    await eraseDraft();
    return emptyDraft();
  }
  const sealed = await get<Sealed>(DRAFT_KEY, db());
  const saved = sealed && (await readable(() => decryptJson<Draft>(sealed)));
  return saved ? { ...emptyDraft(), ...saved } : emptyDraft();
}

export async function saveDraft(draft: Draft): Promise<void> {
  await set(DRAFT_KEY, await encryptJson(draft), db());
  await set(SAVED_AT_KEY, Date.now(), db());
}

export async function loadPhoto(travelerId: string): Promise<Blob | null> {
  const sealed = await get<SealedBlob>(photoKey(travelerId), db());
  return sealed ? readable(() => decryptBlob(sealed)) : null;
}

export async function savePhoto(travelerId: string, photo: Blob | null): Promise<void> {
  if (photo) await set(photoKey(travelerId), await encryptBlob(photo), db());
  else await del(photoKey(travelerId), db());
}

/** After a confirmation (or once the application is sealed in the outbox) the draft and its photos go. */
export async function clearDraft(travelerIds: string[]): Promise<void> {
  await Promise.all([del(DRAFT_KEY, db()), del(SAVED_AT_KEY, db()), ...travelerIds.map((id) => del(photoKey(id), db()))]);
}

/** The draft and every photo it ever had, without decrypting anything (expiry, "erase everything"). */
export async function eraseDraft(): Promise<void> {
  await clear(db());
}

/** When the draft was last saved and when it expires; null when there is no draft. */
export async function draftStatus(now = Date.now()): Promise<DraftAge | null> {
  const savedAt = await get<number>(SAVED_AT_KEY, db());
  return typeof savedAt === "number" ? draftAge(savedAt, now) : null;
}
