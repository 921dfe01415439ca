"use client";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState } from "react";
import { getAppointment } from "@/lib/scheduling/client/api-client";
import { listAppointments, saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { formatClock, formatDay, formatSlotRange } from "@/lib/scheduling/client/format-slot";
import { Link } from "@/lib/shared/i18n/navigation";
import { DrawEntry } from "@/components/appointment/draw-entry";
import { EndedNotice } from "@/components/appointment/ended-notice";
import { MovedNotice } from "@/components/appointment/moved-notice";
import { phaseOf } from "@/components/appointment/phase";
import { CalendarButton } from "./calendar-button";
import { QrCode } from "./qr-code";
import { PrintRecord } from "./print-record";
import { PortName } from "@/components/booking/port/port-name";

type Slot = NonNullable<SavedAppointment["appointment"]["slot"]>;

/**
 * The proof of appointment, kept on the device: readable, scannable, printable, offline. Only a
 * confirmed appointment shows a QR code and what to do at the port; a cancelled, expired or
 * not-yet-won one says what it is first and what to do instead.
 */
export function Confirmation() {
  // `?code=` is known only in the browser: only this boundary waits for it (see step-route.tsx).
  return (
    <Suspense>
      <ConfirmationOf />
    </Suspense>
  );
}

function ConfirmationOf() {
  const t = useTranslations("done");
  const locale = useLocale();
  const code = useSearchParams().get("code");
  const [saved, setSaved] = useState<SavedAppointment | null | undefined>(undefined);
  const [movedFrom, setMovedFrom] = useState<Slot | null>(null);
  const [left, setLeft] = useState(false);

  // After leaving the draw the button pressed is gone: the outcome's heading, now rendered, takes the focus.
  useEffect(() => {
    if (left && saved) document.getElementById(`ended-${saved.appointment.code}`)?.focus();
  }, [left, saved]);

  // The copy on the phone at once (it works offline), then the server's word: an appointment
  // cancelled or moved elsewhere (another tab, the port's capacity change) must not show its old QR.
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

  if (saved === undefined) return null;
  if (saved === null) return <p className="text-lg">{t("notFound")} <Link href="/appointment" className="link">{t("myAppointment")}</Link></p>;

  const { appointment, port } = saved;
  const phase = phaseOf(appointment.status);
  const zone = port.timeZone;
  const when = appointment.slot ? formatSlotRange(appointment.slot, zone, locale) : "";
  const withdrawn = (next: SavedAppointment["appointment"]) => {
    const updated = { ...saved, appointment: next, savedAt: new Date().toISOString() };
    setSaved(updated);
    setLeft(true);
    void saveAppointment(updated).catch(() => {});
  };
  const who = (
    <div><dt className="font-semibold">{t("who")}</dt><dd><ul>{appointment.travelers.map((x, i) => <li key={i}><bdi>{[x.givenNames, x.familyNames].filter(Boolean).join(" ")}</bdi></li>)}</ul></dd></div>
  );
  const where = <div><dt className="font-semibold">{t("where")}</dt><dd><PortName port={port} /><br />{port.address}</dd></div>;
  const mine = <Link href="/appointment" className="button-secondary">{t("myAppointment")}</Link>;

  if (phase === "ended" || phase === "draw") {
    return (
      <>
        {phase === "ended" ? <EndedNotice saved={saved} /> : <DrawEntry saved={saved} onWithdrawn={withdrawn} />}
        <dl className="my-6 space-y-3 text-lg">
          {where}
          {who}
        </dl>
        <div className="no-print flex flex-wrap gap-4">{mine}</div>
      </>
    );
  }

  if (phase === "allocated" || phase === "arrived") {
    const deadline = appointment.confirmBy && t("deadline", { date: formatDay(appointment.confirmBy, locale, zone), time: formatClock(locale, zone, new Date(appointment.confirmBy)) });
    return (
      <>
        <section aria-labelledby="state" className={`mb-6 border-4 p-4 ${phase === "arrived" ? "border-green-800 bg-green-50" : "border-blue-800 bg-blue-50"}`}>
          <h2 id="state" className="mb-2 text-2xl font-bold">{t(phase === "arrived" ? "arrivedTitle" : "allocatedTitle")}</h2>
          {phase === "allocated" && <p className="mb-2 text-lg">{t("allocatedBody")}</p>}
          {phase === "allocated" && deadline && <p className="text-lg font-bold">{deadline}</p>}
        </section>
        <dl className="my-6 space-y-3 text-lg">
          {when && <div><dt className="font-semibold">{t("when")}</dt><dd>{when}</dd></div>}
          {where}
          {who}
        </dl>
        <div className="no-print flex flex-wrap gap-4">
          {phase === "allocated" ? <Link href="/appointment" className="button-primary">{t("confirmPlace")}</Link> : mine}
        </div>
      </>
    );
  }

  return (
    <>
      {movedFrom && appointment.slot && <MovedNotice from={movedFrom} to={appointment.slot} timeZone={zone} />}
      <p className="mb-6 border-s-8 border-green-700 ps-3 text-2xl font-bold">{t("statusConfirmed")}</p>
      <div className="mb-6 border-4 border-green-800 bg-green-50 p-4">
        <p className="text-lg">{t("codeLabel")}</p>
        <p className="font-mono text-4xl font-bold tracking-wider" dir="ltr">{appointment.code}</p>
        <p className="mt-2 text-lg font-semibold">{t("free")}</p>
      </div>
      <QrCode value={appointment.token} label={t("qrLabel", { code: appointment.code })} />
      <dl className="my-6 space-y-3 text-lg">
        <div><dt className="font-semibold">{t("when")}</dt><dd>{when}</dd></div>
        {where}
        {who}
      </dl>
      <h2 className="mb-2 text-2xl font-bold">{t("bringTitle")}</h2>
      <ul className="mb-6 list-disc space-y-1 ps-6 text-lg">
        <li>{t("bringCode")}</li>
        <li>{t("bringDocuments")}</li>
        <li>{t("bringEveryone")}</li>
      </ul>
      <h2 className="mb-2 text-2xl font-bold">{t("nextTitle")}</h2>
      <p className="mb-6 text-lg">{t("nextBody")}</p>
      <div className="no-print flex flex-wrap gap-4">
        <button type="button" className="button-secondary" onClick={() => window.print()}>{t("print")}</button>
        <CalendarButton saved={saved} />
        {mine}
      </div>
      <PrintRecord saved={saved} />
    </>
  );
}
