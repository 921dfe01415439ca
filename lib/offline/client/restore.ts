import "client-only";
import type { Draft } from "@/lib/scheduling/client/draft";
import { loadDraft, saveDraft, savePhoto } from "@/lib/scheduling/client/draft-store";
import { decryptBlob, decryptJson } from "@/lib/client/device/device-crypto";
import { getEntry, removeEntry } from "./outbox";

export type RestoreResult = "restored" | "draft_in_progress" | "unreadable";

/**
 * The server refused a queued application for a reason the person can fix: its answers become the
 * draft again (with the refusal, shown on "Check your answers"), and it leaves the outbox. A draft
 * already under way is never overwritten.
 */
export async function restoreToDraft(id: string): Promise<RestoreResult> {
  const entry = await getEntry(id);
  if (!entry?.restore) return "unreadable";
  const current = await loadDraft();
  if (current.travelers.length > 0 || current.attestations.length > 0) return "draft_in_progress";
  try {
    const draft = await decryptJson<Draft>(entry.restore.draft);
    const photos = await Promise.all(entry.restore.photos.map(async (p) => ({ id: p.travelerId, blob: await decryptBlob(p.photo) })));
    // A refused request is answered for good: a corrected one is a new request with a new key.
    await saveDraft({ ...draft, idempotencyKey: null, failure: entry.failure ?? null });
    for (const photo of photos) await savePhoto(photo.id, photo.blob);
  } catch {
    return "unreadable";
  }
  await removeEntry(id);
  return "restored";
}
