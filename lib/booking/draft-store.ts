import { createStore, del, get, set, type UseStore } from "idb-keyval";
import { emptyDraft, type Draft } from "./draft";

/**
 * Where the draft lives on the device: IndexedDB, saved on every change, surviving reloads and a
 * closed tab. The one module the offline issue changes to encrypt drafts and queue sends; the
 * steps only call these functions.
 */
let store: UseStore | undefined;
const db = () => (store ??= createStore("puerta-draft", "draft"));

const DRAFT_KEY = "draft";
const photoKey = (travelerId: string) => `photo:${travelerId}`;

export async function loadDraft(): Promise<Draft> {
  const saved = await get<Draft>(DRAFT_KEY, db());
  return saved ? { ...emptyDraft(), ...saved } : emptyDraft();
}

export async function saveDraft(draft: Draft): Promise<void> {
  await set(DRAFT_KEY, draft, db());
}

export async function loadPhoto(travelerId: string): Promise<Blob | null> {
  return (await get<Blob>(photoKey(travelerId), db())) ?? null;
}

export async function savePhoto(travelerId: string, photo: Blob | null): Promise<void> {
  if (photo) await set(photoKey(travelerId), photo, db());
  else await del(photoKey(travelerId), db());
}

/** After a confirmation only the confirmation card stays: the draft and its photos go. */
export async function clearDraft(travelerIds: string[]): Promise<void> {
  await Promise.all([del(DRAFT_KEY, db()), ...travelerIds.map((id) => del(photoKey(id), db()))]);
}
