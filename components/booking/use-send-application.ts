"use client";
import { useLocale } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import type { portSchema } from "@/lib/api/response-schemas";
import { mask } from "@/lib/booking/answer-location";
import { saveAppointment } from "@/lib/booking/appointment-store";
import { newIdempotencyKey, submitApplication, type ApiFailure } from "@/lib/booking/api-client";
import { applicationInput, displayName, isoDate, type Draft } from "@/lib/booking/draft";
import { clearDraft, loadPhoto } from "@/lib/booking/draft-store";

type Port = z.infer<typeof portSchema>;

/**
 * Sends the application once, whatever the taps: the Idempotency-Key is fixed in the draft before
 * the first try, so a retry after a cut connection is the same request and books nothing twice.
 */
export function useSendApplication(draft: Draft | null, update: (change: (d: Draft) => Draft) => Promise<void>) {
  const locale = useLocale();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const send = async (port: Port): Promise<string | null> => {
    if (!draft || sending) return null;
    setSending(true);
    setFailure(null);
    const idempotencyKey = draft.idempotencyKey ?? newIdempotencyKey();
    if (!draft.idempotencyKey) await update((d) => ({ ...d, idempotencyKey }));
    const photos = await Promise.all(draft.travelers.map((t) => loadPhoto(t.id)));
    const result = await submitApplication(applicationInput(draft, locale), photos.filter((p): p is Blob => !!p), idempotencyKey, locale);
    if (!result.ok) {
      setFailure(result.error);
      setSending(false);
      return null;
    }
    await saveAppointment({
      appointment: result.data.appointment,
      secret: result.data.secret,
      port,
      savedAt: new Date().toISOString(),
      record: {
        travelers: draft.travelers.map((t) => ({
          name: displayName(t),
          dateOfBirth: isoDate(t.dateOfBirth),
          nationality: t.nationality,
          document: t.documentType ? `${t.documentType} ${mask(t.documentNumber)}` : "",
        })),
        phone: mask(draft.contact.phone.replace(/\s/g, ""), 4),
        email: draft.contact.email ? mask(draft.contact.email, 6) : "",
      },
    });
    await clearDraft(draft.travelers.map((t) => t.id));
    return result.data.appointment.code;
  };

  /** A new slot changes the request: it gets a new key. */
  const chooseSlot = (slot: { id: string; start: string; end: string }) =>
    update((d) => ({ ...d, slot, idempotencyKey: null })).then(() => setFailure(null));

  return { send, sending, failure, chooseSlot };
}
