"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { cancelAppointment } from "@/lib/scheduling/client/api-client";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { useErrorMessage } from "@/components/form/use-error-message";
import type { Appointment } from "./appointment-actions";

/**
 * Leaving the draw (the contract's DELETE on a requested entry): asked first, in the page, as
 * cancelling is; the entry ends and frees the person to ask again.
 */
export function WithdrawEntry({ saved, onWithdrawn }: { saved: SavedAppointment; onWithdrawn: (a: Appointment) => void }) {
  const t = useTranslations("appointmentState.draw");
  const locale = useLocale();
  const actions = useTranslations("appointment.actions");
  const errorMessage = useErrorMessage(actions("network"));
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { appointment, secret } = saved;

  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    const result = await cancelAppointment(appointment.code, secret, locale);
    setBusy(false);
    if (!result.ok) return setError(errorMessage(result.error.code));
    setAsking(false);
    onWithdrawn(result.data.appointment);
  };

  const stay = () => {
    setAsking(false);
    setError(null);
    requestAnimationFrame(() => button.current?.focus());
  };

  if (!asking) {
    return (
      <div className="no-print">
        <button ref={button} type="button" className="button-secondary" onClick={() => setAsking(true)}>{t("withdraw")}</button>
      </div>
    );
  }
  return (
    <div className="no-print border-4 border-red-700 p-4">
      <p ref={question} tabIndex={-1} className="mb-4 text-lg font-bold focus-visible:outline-4 focus-visible:outline-yellow-400">{t("withdrawQuestion")}</p>
      {error && <p role="alert" className="mb-4 border-s-4 border-red-700 ps-3 text-lg font-semibold">{error}</p>}
      <div className="flex flex-wrap gap-4">
        <button type="button" className="button-warning" disabled={busy} onClick={withdraw}>{busy ? t("withdrawing") : t("withdrawYes")}</button>
        <button type="button" className="button-secondary" disabled={busy} onClick={stay}>{t("withdrawNo")}</button>
      </div>
    </div>
  );
}
