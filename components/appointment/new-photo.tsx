"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { photoState, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { displayName } from "@/lib/scheduling/client/draft";
import { replaceTravelerPhoto } from "@/lib/scheduling/client/photo-replace";
import { useErrorMessage } from "@/components/form/use-error-message";
import type { Appointment } from "./appointment-actions";
import { LazyPhotoCapture } from "./lazy-photo-capture";

// Refusals that are about the photo itself get this screen's own, more helpful words.
const PHOTO_CODES = ["photo_invalid", "payload_too_large", "unsupported_media_type"] as const;
const isPhotoCode = (code: string): code is (typeof PHOTO_CODES)[number] => (PHOTO_CODES as readonly string[]).includes(code);

function usePhotoErrorMessage() {
  const t = useTranslations("appointment.newPhoto");
  const general = useErrorMessage(t("offline"));
  return (code: string) => (isPhotoCode(code) ? t(`errors.${code}`) : general(code));
}

type Props = {
  saved: SavedAppointment;
  index: number;
  /** Whether the photo capture is shown: one traveler at a time, so only one camera can run. */
  open: boolean;
  onOpen: () => void;
  onSent: (appointment: Appointment) => void;
};

/**
 * One traveler whose photo the server could not read: says so kindly (it is nobody's fault), then
 * takes or chooses a new photo as the booking does and sends it. A photo that could not be sent
 * (no signal, a refusal) stays on screen to send again.
 */
export function NewPhoto({ saved, index, open, onOpen, onSent }: Props) {
  const t = useTranslations("appointment.newPhoto");
  const locale = useLocale();
  const errorMessage = usePhotoErrorMessage();
  const { appointment, secret } = saved;
  const traveler = appointment.travelers[index];
  const name = displayName(traveler);
  const [chosen, setChosen] = useState<Blob | null>(null);
  const [phase, setPhase] = useState<"choosing" | "sending" | "sent">("choosing");
  const [error, setError] = useState<string | null>(null);
  const outcome = useRef<HTMLParagraphElement>(null);
  const headingId = `new-photo-${appointment.code}-${index}`;

  // The send button goes away with success: the focus moves to the outcome, which is read out.
  useEffect(() => {
    if (phase === "sent") outcome.current?.focus();
  }, [phase]);

  const choose = (photo: Blob | null) => {
    setChosen(photo);
    setError(null);
  };

  const send = async () => {
    if (!chosen || phase === "sending") return;
    setPhase("sending");
    setError(null);
    const result = await replaceTravelerPhoto(appointment.code, secret, index, chosen, locale);
    if (!result.ok) {
      setPhase("choosing");
      return setError(errorMessage(result.error.code));
    }
    setPhase("sent");
    onSent(result.data.appointment);
  };

  return (
    <section aria-labelledby={headingId} className="mb-4 border-4 border-amber-700 p-4">
      <h3 id={headingId} className="mb-2 text-xl font-bold">{t("title", { name })}</h3>
      {phase === "sent" ? (
        <p ref={outcome} tabIndex={-1} role="status" className="border-s-4 border-green-700 ps-3 text-lg font-semibold">
          {photoState(traveler) === "ready" ? t("sentReady") : t("sent")}
        </p>
      ) : (
        <>
          <p className="mb-2 text-lg">{t("body", { name: traveler.givenNames || name })}</p>
          <p className="mb-4 text-lg">{t("kept")}</p>
          {open ? (
            <>
              <LazyPhotoCapture travelerLabel={name} photo={chosen} onChange={choose} />
              {error && <p role="alert" className="mt-4 border-s-4 border-red-700 ps-3 text-lg font-semibold">{error}</p>}
              {chosen && (
                // aria-disabled rather than disabled: a disabled button drops the keyboard focus.
                <button type="button" className="button-primary mt-4 w-full aria-disabled:opacity-60" aria-disabled={phase === "sending"} onClick={send}>
                  {phase === "sending" ? t("sending") : t("send", { name })}
                </button>
              )}
            </>
          ) : (
            <button type="button" className="button-secondary" onClick={onOpen}>{t("open", { name })}</button>
          )}
          {/* Present from the start, so that "Sending…" is announced when it appears. */}
          <p role="status" className="sr-only">{phase === "sending" ? t("sending") : ""}</p>
        </>
      )}
    </section>
  );
}
