"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { cancelAppointment, confirmAppointment, rescheduleAppointment } from "@/lib/scheduling/client/api-client";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { SlotPicker, type ChosenSlot } from "@/components/slots/slot-picker";
import { useErrorMessage } from "@/components/form/use-error-message";

export type Appointment = SavedAppointment["appointment"];
export type Change = "moved" | "cancelled" | "confirmed" | "withdrawn";

// The chosen time is gone (taken meanwhile, or no longer bookable): reload the times and choose again.
const TIME_GONE = new Set(["slot_full", "slot_closed", "slot_not_found"]);

/** Move or cancel a confirmed appointment; cancelling asks first, in the page, not in a pop-up. */
export function AppointmentActions({ saved, onUpdated }: { saved: SavedAppointment; onUpdated: (a: Appointment, change: Change) => void }) {
  const t = useTranslations("appointment.actions");
  const locale = useLocale();
  const errorMessage = useErrorMessage(t("network"));
  const { appointment, secret, port } = saved;
  const [mode, setMode] = useState<"idle" | "move" | "cancel">("idle");
  const [chosen, setChosen] = useState<ChosenSlot | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  // The confirmation replaces the buttons: move focus to it so it is read out, and back after "No".
  useEffect(() => {
    if (mode === "cancel") question.current?.focus();
  }, [mode]);

  const open = (next: "idle" | "move" | "cancel") => {
    setMode(next);
    setError(null);
    setChosen(null);
  };

  const move = async () => {
    if (!chosen) return setError(t("chooseFirst"));
    setBusy(true);
    setError(null);
    const result = await rescheduleAppointment(appointment.code, secret, chosen.id, locale);
    setBusy(false);
    if (result.ok) {
      open("idle");
      return onUpdated(result.data.appointment, "moved");
    }
    setError(errorMessage(result.error.code));
    if (TIME_GONE.has(result.error.code)) {
      setChosen(null);
      setPickerKey((n) => n + 1);
    }
  };

  const cancel = async () => {
    setBusy(true);
    setError(null);
    const result = await cancelAppointment(appointment.code, secret, locale);
    setBusy(false);
    if (!result.ok) return setError(errorMessage(result.error.code));
    open("idle");
    onUpdated(result.data.appointment, "cancelled");
  };

  const keep = () => {
    open("idle");
    // The button comes back with the next render; wait a frame so it exists before focusing it.
    requestAnimationFrame(() => cancelButton.current?.focus());
  };

  const problem = error && <p role="alert" className="mb-4 border-s-4 border-red-700 ps-3 text-lg font-semibold">{error}</p>;

  if (mode === "move") {
    return (
      <section aria-labelledby={`move-${appointment.code}`} className="mt-6">
        <h3 id={`move-${appointment.code}`} className="mb-4 text-xl font-bold">{t("moveTitle")}</h3>
        <SlotPicker
          key={pickerKey}
          portId={port.id}
          timeZone={port.timeZone}
          seats={appointment.travelers.length}
          selectedSlotId={chosen?.id ?? null}
          onSelect={(slot) => {
            setChosen(slot);
            setError(null);
          }}
        />
        {problem}
        <div className="flex flex-wrap gap-4">
          <button type="button" className="button-primary" disabled={busy} onClick={move}>{busy ? t("moving") : t("move")}</button>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => open("idle")}>{t("keepTime")}</button>
        </div>
      </section>
    );
  }

  if (mode === "cancel") {
    return (
      <div className="mt-6 border-4 border-red-700 p-4">
        <p ref={question} tabIndex={-1} className="mb-4 text-lg font-bold focus-visible:outline-4 focus-visible:outline-yellow-400">
          {t("cancelQuestion")}
        </p>
        {problem}
        <div className="flex flex-wrap gap-4">
          <button type="button" className="button-warning" disabled={busy} onClick={cancel}>{busy ? t("cancelling") : t("cancelYes")}</button>
          <button type="button" className="button-secondary" disabled={busy} onClick={keep}>{t("cancelNo")}</button>
        </div>
      </div>
    );
  }

  return (
    <div className="mt-6 flex flex-wrap gap-4">
      <button type="button" className="button-secondary" onClick={() => open("move")}>{t("chooseAnother")}</button>
      <button ref={cancelButton} type="button" className="button-secondary" onClick={() => open("cancel")}>{t("cancel")}</button>
    </div>
  );
}

/** A place won in the draw: the slot, the deadline and one button to take it. */
export function ConfirmPlace({ saved, when, confirmBy, onUpdated }: { saved: SavedAppointment; when: string; confirmBy: string; onUpdated: (a: Appointment, change: Change) => void }) {
  const t = useTranslations("appointment.actions");
  const locale = useLocale();
  const errorMessage = useErrorMessage(t("network"));
  const { appointment, secret } = saved;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `confirm-${appointment.code}`;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await confirmAppointment(appointment.code, secret, locale);
    setBusy(false);
    if (!result.ok) return setError(errorMessage(result.error.code));
    onUpdated(result.data.appointment, "confirmed");
  };

  return (
    <section aria-labelledby={headingId} className="mb-4 border-4 border-blue-800 p-4">
      <h3 id={headingId} className="mb-2 text-xl font-bold">{t("gotPlace")}</h3>
      {when && <p className="mb-2 text-lg">{when}</p>}
      {confirmBy && <p className="mb-4 text-lg font-bold">{t("confirmBefore", { time: confirmBy })}</p>}
      {error && <p role="alert" className="mb-4 border-s-4 border-red-700 ps-3 text-lg font-semibold">{error}</p>}
      <button type="button" className="button-primary" disabled={busy} onClick={confirm}>{busy ? t("confirming") : t("confirm")}</button>
    </section>
  );
}
