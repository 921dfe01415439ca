"use client";
import { useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { MovedNotice } from "@/components/appointment/moved-notice";
import { AppointmentFacts, MyAppointmentLink } from "./appointment-facts";
import { CalendarButton } from "./calendar-button";
import { PrintRecord } from "./print-record";
import { QrCode } from "./qr-code";

type Slot = NonNullable<SavedAppointment["appointment"]["slot"]>;

/**
 * A confirmed appointment, the only state with a QR code and what to do at the port: the code,
 * when, where, who, what to bring, and a copy to print or put in the calendar. `movedFrom`: the
 * time the port moved it from since this phone last looked, named first so nobody goes then.
 */
export function ValidAppointment({ saved, when, movedFrom }: { saved: SavedAppointment; when: string; movedFrom: Slot | null }) {
  const t = useTranslations("done");
  const { appointment, port } = saved;
  return (
    <>
      {movedFrom && appointment.slot && <MovedNotice from={movedFrom} to={appointment.slot} timeZone={port.timeZone} />}
      <p className="mb-6 border-s-8 border-green-700 ps-3 text-2xl font-bold">{t("statusConfirmed")}</p>
      <div className="mb-6 border-4 border-green-800 bg-green-50 p-4">
        <p className="text-lg">{t("codeLabel")}</p>
        <p className="font-mono text-4xl font-bold tracking-wider" dir="ltr">{appointment.code}</p>
        <p className="mt-2 text-lg font-semibold">{t("free")}</p>
      </div>
      <QrCode value={appointment.token} label={t("qrLabel", { code: appointment.code })} />
      <AppointmentFacts saved={saved} when={when} />
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
        <MyAppointmentLink />
      </div>
      <PrintRecord saved={saved} />
    </>
  );
}
