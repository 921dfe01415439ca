import "client-only";
import type { z } from "zod";
import type { portSchema } from "@/lib/shared/schemas/responses";
import { applicationForm } from "@/lib/scheduling/client/api-client";
import { applicationInput, type Draft } from "@/lib/scheduling/client/draft";
import { clearDraft } from "@/lib/scheduling/client/draft-store";
import { appointmentRecord } from "@/lib/scheduling/client/record";
import { encryptBlob, encryptJson } from "@/lib/client/device/device-crypto";
import { putEntry, type OutboxEntry } from "./outbox";
import { sealForm } from "./seal";
import { sealingKey } from "./server-key";

type Port = z.infer<typeof portSchema>;

export type QueueInput = { draft: Draft; photos: { travelerId: string; photo: Blob }[]; port: Port; locale: string; idempotencyKey: string };

/**
 * Seals the application — the same multipart body a direct send would carry, photos included —
 * to the server's key, queues it under its Idempotency-Key and removes the editable draft. Null
 * when the phone has never seen the server's key (no online visit yet): the draft then stays.
 */
export async function queueApplication({ draft, photos, port, locale, idempotencyKey }: QueueInput): Promise<OutboxEntry | null> {
  const key = await sealingKey();
  if (!key) return null;
  const application = applicationInput(draft, locale);
  const jwe = await sealForm(applicationForm(application, photos.map((p) => p.photo)), key);
  const entry: OutboxEntry = {
    id: idempotencyKey,
    state: "waiting",
    locale,
    queuedAt: Date.now(),
    attempts: 0,
    nextAttemptAt: 0,
    summary: {
      portName: `${port.name}, ${port.state}`,
      travelerCount: draft.travelers.length,
      slot: port.mode === "draw" || !draft.slot ? null : { start: draft.slot.start, end: draft.slot.end },
      timeZone: port.timeZone,
      draw: port.mode === "draw",
    },
    jwe,
    restore: {
      draft: await encryptJson({ ...draft, idempotencyKey }),
      photos: await Promise.all(photos.map(async (p) => ({ travelerId: p.travelerId, photo: await encryptBlob(p.photo) }))),
    },
    card: await encryptJson({ port, record: appointmentRecord(draft) }),
  };
  await putEntry(entry);
  await clearDraft(draft.travelers.map((t) => t.id));
  await askForBackgroundSync();
  return entry;
}

/** Where the browser has Background Sync, it sends the outbox even after the app is closed. */
async function askForBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register("puerta-outbox");
  } catch {
    // No service worker yet, or sync refused: the open app retries by itself (see deliver.ts).
  }
}
