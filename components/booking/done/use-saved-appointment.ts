"use client";
import { useLocale } from "next-intl";
import { useEffect, useState } from "react";
import { getAppointment } from "@/lib/scheduling/client/api-client";
import { listAppointments, saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";

type Appointment = SavedAppointment["appointment"];
type Slot = NonNullable<Appointment["slot"]>;

/**
 * The appointment `code` as this phone keeps it: `undefined` while it is read, `null` when the
 * phone has none. The copy on the phone comes at once (it works offline), then the server's word:
 * an appointment cancelled or moved elsewhere (another tab, the port's capacity change) must not
 * show its old QR. `movedFrom` is the time the phone had before the port moved it.
 */
export function useSavedAppointment(code: string | null) {
  const locale = useLocale();
  const [saved, setSaved] = useState<SavedAppointment | null | undefined>(undefined);
  const [movedFrom, setMovedFrom] = useState<Slot | null>(null);
  const [left, setLeft] = useState(false);

  // After leaving the draw the button pressed is gone: the outcome's heading, now rendered, takes the focus.
  useEffect(() => {
    if (left && saved) document.getElementById(`ended-${saved.appointment.code}`)?.focus();
  }, [left, saved]);

  useEffect(() => {
    let live = true;
    (async () => {
      const found = (await listAppointments()).find((a) => a.appointment.code === code) ?? null;
      if (!live) return;
      setSaved(found);
      if (!found) return;
      const result = await getAppointment(found.appointment.code, found.secret, locale);
      if (!live || !result.ok) return;
      const next = { ...found, appointment: result.data.appointment, savedAt: new Date().toISOString() };
      const [before, after] = [found.appointment.slot, next.appointment.slot];
      if (before && after && before.start !== after.start) setMovedFrom(before);
      setSaved(next);
      await saveAppointment(next).catch(() => {});
    })();
    return () => {
      live = false;
    };
  }, [code, locale]);

  /** The person left the draw: the entry, now cancelled, is shown and kept so. */
  const withdrawn = (next: Appointment) => {
    if (!saved) return;
    const updated = { ...saved, appointment: next, savedAt: new Date().toISOString() };
    setSaved(updated);
    setLeft(true);
    void saveAppointment(updated).catch(() => {});
  };

  return { saved, movedFrom, withdrawn };
}
