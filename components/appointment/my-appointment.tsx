"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { getAppointment } from "@/lib/scheduling/client/api-client";
import { listAppointments, saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { Link } from "@/lib/shared/i18n/navigation";
import type { Appointment } from "./appointment-actions";
import { AppointmentCard, type Freshness } from "./appointment-card";

/**
 * A link to one appointment (`#appointment-CODE`, from the refusal of a person already booked)
 * lands on its card: the cards exist only once the phone's copy is read, so the browser's own jump
 * to the fragment has already missed them.
 */
function focusLinked(saved: SavedAppointment[]) {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!saved.some((s) => `appointment-${s.appointment.code}` === id)) return;
  const heading = document.getElementById(id);
  heading?.scrollIntoView({ block: "start" });
  heading?.focus();
}

/**
 * "My appointment": what this phone has saved, shown at once (it works with no signal), then
 * checked with the server and saved again so the next visit without signal is as current as can be.
 */
export function MyAppointment() {
  const t = useTranslations("appointment");
  const locale = useLocale();
  const [items, setItems] = useState<SavedAppointment[] | null>(null);
  const [freshness, setFreshness] = useState<Record<string, Freshness>>({});
  // Times the port moved since this phone last looked, by code: said once, above the new time.
  const [movedFrom, setMovedFrom] = useState<Record<string, { start: string; end: string }>>({});
  // Codes moved or cancelled while the check was under way (slow networks): the check's older
  // answer must not overwrite them, on screen or on the phone.
  const changed = useRef(new Set<string>());
  // saveAppointment reads the list, then writes it back with one entry first: two saves at once
  // would each write back the other's stale copy. Every save on this page waits for the last. A
  // failed save (storage full) must not block the ones after it; the screen still shows the answer.
  const saving = useRef<Promise<void>>(Promise.resolve());
  const persist = (s: SavedAppointment) => (saving.current = saving.current.then(() => saveAppointment(s)).catch(() => {}));

  useEffect(() => {
    let live = true;
    (async () => {
      const saved = await listAppointments();
      if (!live) return;
      setItems(saved);
      setFreshness(Object.fromEntries(saved.map((s) => [s.appointment.code, { state: "checking" }])));

      const results = await Promise.all(saved.map((s) => getAppointment(s.appointment.code, s.secret, locale)));
      const savedAt = new Date().toISOString();
      const updated = saved.map((s, i) => {
        const result = results[i];
        return result.ok ? { ...s, appointment: result.data.appointment, savedAt } : s;
      });
      // Saved last first, so that the list on the phone keeps its order (each save puts its entry first).
      const unchanged = (s: SavedAppointment) => !changed.current.has(s.appointment.code);
      for (const s of [...updated].reverse()) if (unchanged(s)) await persist(s);
      if (!live) return;
      setMovedFrom(
        Object.fromEntries(
          saved.flatMap((s, i) => {
            const [before, after] = [s.appointment.slot, updated[i].appointment.slot];
            return before && after && before.start !== after.start && unchanged(s) ? [[s.appointment.code, before]] : [];
          }),
        ),
      );
      setItems((list) => list?.map((s, i) => (unchanged(s) ? updated[i] : s)) ?? list);
      setFreshness((current) => {
        const next = { ...current };
        updated.forEach((s, i) => {
          const result = results[i];
          if (unchanged(s)) next[s.appointment.code] = result.ok ? { state: "fresh" } : { state: "failed", code: result.error.code };
        });
        return next;
      });
    })();
    return () => {
      live = false;
    };
  }, [locale]);

  // Once the cards are on the screen (not before: they render after the phone's copy is read).
  const linked = useRef(false);
  useEffect(() => {
    if (!items || linked.current) return;
    linked.current = true;
    focusLinked(items);
  }, [items]);

  if (!items) return null;
  if (items.length === 0) {
    return (
      <>
        <p className="mb-4 text-lg">{t("empty")}</p>
        <Link href="/" className="button-primary">{t("start")}</Link>
      </>
    );
  }

  // A move or cancel answered with the appointment as it now is: keep it on the phone too.
  const updated = async (appointment: Appointment) => {
    const current = items.find((s) => s.appointment.code === appointment.code);
    if (!current) return;
    changed.current.add(appointment.code);
    const next = { ...current, appointment, savedAt: new Date().toISOString() };
    setItems((list) => list?.map((s) => (s.appointment.code === appointment.code ? next : s)) ?? list);
    setFreshness((f) => ({ ...f, [appointment.code]: { state: "fresh" } }));
    await persist(next);
  };

  return (
    <>
      {items.map((saved) => (
        <AppointmentCard
          key={saved.appointment.code}
          saved={saved}
          freshness={freshness[saved.appointment.code] ?? { state: "fresh" }}
          movedFrom={movedFrom[saved.appointment.code]}
          onUpdated={updated}
        />
      ))}
    </>
  );
}
