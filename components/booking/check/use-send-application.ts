"use client";
import { useLocale } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import type { portSchema } from "@/lib/shared/schemas/responses";
import { saveAppointment } from "@/lib/scheduling/client/appointment-store";
import { newIdempotencyKey, submitApplication, type ApiFailure } from "@/lib/scheduling/client/api-client";
import { applicationInput, type Draft } from "@/lib/scheduling/client/draft";
import { clearDraft, loadPhoto } from "@/lib/scheduling/client/draft-store";
import { appointmentRecord } from "@/lib/scheduling/client/record";

type Port = z.infer<typeof portSchema>;

/** Refusals that say nothing about the answers: the application waits in the outbox instead. */
const WORTH_QUEUEING = new Set(["network", "service_unavailable", "rate_limited", "internal_error"]);

export type SendOutcome = { code: string } | { queued: string };

/**
 * Sends the application once, whatever the taps: the Idempotency-Key is fixed in the draft before
 * the first try, so a retry after a cut connection is the same request and books nothing twice.
 * With no connection (or when the send is cut off) the application is sealed and queued with that
 * same key, and goes out by itself later (lib/offline/client/deliver.ts).
 */
export function useSendApplication(draft: Draft | null, update: (change: (d: Draft) => Draft) => Promise<void>) {
  const locale = useLocale();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const send = async (port: Port): Promise<SendOutcome | null> => {
    if (!draft || sending) return null;
    setSending(true);
    setFailure(null);
    const idempotencyKey = draft.idempotencyKey ?? newIdempotencyKey();
    if (!draft.idempotencyKey || draft.failure) await update((d) => ({ ...d, idempotencyKey, failure: null }));
    const photos = (await Promise.all(draft.travelers.map(async (t) => ({ travelerId: t.id, photo: await loadPhoto(t.id) }))))
      .filter((p): p is { travelerId: string; photo: Blob } => !!p.photo);
    const queue = async (): Promise<SendOutcome | null> => {
      // Sealing (jose) is loaded only when an application has to wait.
      const [{ queueApplication }, { deliverOutbox }] = await Promise.all([import("@/lib/offline/client/queue-application"), import("@/lib/offline/client/deliver")]);
      const entry = await queueApplication({ draft: { ...draft, idempotencyKey, failure: null }, photos, port, locale, idempotencyKey });
      if (!entry) return null;
      void deliverOutbox();
      return { queued: entry.id };
    };

    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      const queued = await queue();
      if (queued) return queued;
    }
    const result = await submitApplication(applicationInput(draft, locale), photos.map((p) => p.photo), idempotencyKey, locale);
    if (!result.ok) {
      const queued = WORTH_QUEUEING.has(result.error.code) ? await queue() : null;
      if (queued) return queued;
      setFailure(result.error);
      setSending(false);
      return null;
    }
    await saveAppointment({
      appointment: result.data.appointment,
      secret: result.data.secret,
      port,
      savedAt: new Date().toISOString(),
      record: appointmentRecord(draft),
    });
    await clearDraft(draft.travelers.map((t) => t.id));
    return { code: result.data.appointment.code };
  };

  /** A new slot changes the request: it gets a new key. */
  const chooseSlot = (slot: { id: string; start: string; end: string }) =>
    update((d) => ({ ...d, slot, idempotencyKey: null, failure: null })).then(() => setFailure(null));

  // A refusal that came back to a queued application shows here until the person acts on it.
  return { send, sending, failure: failure ?? draft?.failure ?? null, chooseSlot };
}
