"use client";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState } from "react";
import { listAppointments, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { formatClock, formatDay, formatSlotRange } from "@/lib/scheduling/client/format-slot";
import { Link } from "@/lib/shared/i18n/navigation";
import { CalendarButton } from "./calendar-button";
import { QrCode } from "./qr-code";
import { PrintRecord } from "./print-record";

/** The proof of appointment, kept on the device: readable, scannable, printable, offline. */
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
  const statusText = useTranslations("appointment.status");
  const locale = useLocale();
  const code = useSearchParams().get("code");
  const [saved, setSaved] = useState<SavedAppointment | null | undefined>(undefined);

  useEffect(() => {
    listAppointments().then((all) => setSaved(all.find((a) => a.appointment.code === code) ?? null));
  }, [code]);
  if (saved === undefined) return null;
  if (saved === null) return <p className="text-lg">{t("notFound")} <Link href="/appointment" className="link">{t("myAppointment")}</Link></p>;

  const { appointment, port } = saved;
  const when = appointment.slot ? formatSlotRange(appointment.slot, port.timeZone, locale) : "";
  // A request in the draw has no time yet: its token is no proof of a place, so no QR code or calendar.
  const inDraw = appointment.status === "requested" || appointment.status === "not_selected";
  const status =
    appointment.status === "confirmed" ? t("statusConfirmed")
    : appointment.status === "requested" ? t("statusRequested")
    : statusText(appointment.status);
  const drawWhen = appointment.drawAt
    ? t("drawWhen", { date: formatDay(appointment.drawAt, locale, port.timeZone), time: formatClock(locale, port.timeZone, new Date(appointment.drawAt)) })
    : "";
  const who = (
    <div><dt className="font-semibold">{t("who")}</dt><dd><ul>{appointment.travelers.map((x, i) => <li key={i}>{[x.givenNames, x.familyNames].filter(Boolean).join(" ")}</li>)}</ul></dd></div>
  );
  const where = <div><dt className="font-semibold">{t("where")}</dt><dd>{port.name}, {port.state}<br />{port.address}</dd></div>;

  return (
    <>
      <p className={`mb-6 border-s-8 ps-3 text-2xl font-bold ${appointment.status === "confirmed" || appointment.status === "checked_in" ? "border-green-700" : "border-blue-800"}`}>{status}</p>
      <div className={`mb-6 border-4 p-4 ${inDraw ? "border-blue-800 bg-blue-50" : "border-green-800 bg-green-50"}`}>
        <p className="text-lg">{t("codeLabel")}</p>
        <p className="font-mono text-4xl font-bold tracking-wider" dir="ltr">{appointment.code}</p>
        <p className="mt-2 text-lg font-semibold">{t("free")}</p>
      </div>
      {inDraw ? (
        <>
          {drawWhen && <p className="mb-4 text-lg font-semibold">{drawWhen}</p>}
          <dl className="my-6 space-y-3 text-lg">
            {where}
            {who}
          </dl>
          <h2 className="mb-2 text-2xl font-bold">{t("nextTitle")}</h2>
          <p className="mb-6 text-lg">{t("drawNext")}</p>
          <div className="no-print flex flex-wrap gap-4">
            <Link href="/appointment" className="button-secondary">{t("myAppointment")}</Link>
          </div>
        </>
      ) : (
        <>
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
            <Link href="/appointment" className="button-secondary">{t("myAppointment")}</Link>
          </div>
          <PrintRecord saved={saved} />
        </>
      )}
    </>
  );
}
