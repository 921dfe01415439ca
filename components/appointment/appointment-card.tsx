"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { photoState, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { displayName } from "@/lib/scheduling/client/draft";
import { Link } from "@/lib/shared/i18n/navigation";
import { AppointmentActions, ConfirmPlace, type Appointment, type Change } from "./appointment-actions";
import { formatClock, formatDay, formatLocalMoment, formatSlotRange, formatTimeRange } from "@/lib/scheduling/client/format-slot";
import { useErrorMessage } from "@/components/form/use-error-message";
import { NewPhotos, photosMatter } from "./new-photos";
import { DrawEntry } from "./draw-entry";
import { EndedNotice } from "./ended-notice";
import { MovedNotice } from "./moved-notice";
import { phaseOf } from "./phase";
import { PortName } from "@/components/booking/port/port-name";

/** How current the card is: being checked, just checked, or shown from the phone (and why). */
export type Freshness = { state: "checking" } | { state: "fresh" } | { state: "failed"; code: string };

// Colour only repeats what the status text says; the border is on the reading-start side.
const statusStyle: Record<Appointment["status"], string> = {
  requested: "border-blue-800",
  allocated: "border-blue-800",
  confirmed: "border-green-700",
  checked_in: "border-green-700",
  not_selected: "border-gray-600",
  cancelled: "border-red-700",
  expired: "border-gray-600",
};

type Props = {
  saved: SavedAppointment;
  freshness: Freshness;
  /** The time this phone had before the port moved the appointment, when it just found out. */
  movedFrom?: { start: string; end: string } | null;
  onUpdated: (a: Appointment, change: Change | "photo") => void;
};

// Beside a traveler's name, only what is not settled yet; "ready" needs no words.
const photoNote = { pending: "newPhoto.checking", needs_new: "newPhoto.needed", ready: null } as const;

/** One appointment kept on this phone: the code to show at the port, where, when, and who. */
export function AppointmentCard({ saved, freshness, movedFrom, onUpdated }: Props) {
  const t = useTranslations("appointment");
  const tState = useTranslations("appointmentState");
  const locale = useLocale();
  const errorMessage = useErrorMessage(t("offline"));
  const { appointment, port } = saved;
  const zone = port.timeZone;
  const [notice, setNotice] = useState<Change | null>(null);
  const noticeBox = useRef<HTMLParagraphElement>(null);

  // After a cancel the buttons disappear; focus the outcome so keyboard and screen reader users land on it.
  useEffect(() => {
    if (notice) noticeBox.current?.focus();
  }, [notice]);

  const at = (instant: string) => t("dateAndTime", { date: formatDay(instant, locale, zone), time: formatClock(locale, zone, new Date(instant)) });
  const headingId = `appointment-${appointment.code}`;
  // A place won in the draw: its time and deadline are shown with the button that takes it.
  const allocated = appointment.status === "allocated";
  const phase = phaseOf(appointment.status);
  const changed = (next: Appointment, change: Change) => {
    setNotice(change);
    onUpdated(next, change);
  };

  return (
    <article aria-labelledby={headingId} className="mb-8 border-4 border-gray-800 p-4">
      <h2 id={headingId} tabIndex={-1} className="mb-4 focus-visible:outline-4 focus-visible:outline-yellow-400">
        <span className="block text-lg">{phase === "draw" ? tState("draw.entryLabel") : t("codeLabel")}</span>
        {/* Codes are Latin letters and digits: kept left-to-right inside Arabic text. */}
        <span dir="ltr" className="block break-all font-mono text-4xl font-bold tracking-widest">{appointment.code}</span>
      </h2>
      {phase !== "ended" && phase !== "draw" && (
        <p className={`mb-4 border-s-8 ps-3 text-xl font-bold ${statusStyle[appointment.status]}`}>
          {t(`status.${appointment.status}`)}
        </p>
      )}
      {notice && (
        <p ref={noticeBox} tabIndex={-1} role="status" className="mb-4 border-s-4 border-green-700 ps-3 text-lg font-semibold">
          {t(notice)}
        </p>
      )}
      {phase === "ended" && <EndedNotice saved={saved} headingLevel={3} />}
      {phase === "draw" && <DrawEntry saved={saved} headingLevel={3} onWithdrawn={(next) => changed(next, "withdrawn")} />}
      {phase === "valid" && movedFrom && appointment.slot && <MovedNotice from={movedFrom} to={appointment.slot} timeZone={zone} headingLevel={3} />}
      {allocated && (
        <ConfirmPlace
          saved={saved}
          when={appointment.slot ? formatSlotRange(appointment.slot, zone, locale) : ""}
          confirmBy={appointment.confirmBy ? at(appointment.confirmBy) : ""}
          onUpdated={changed}
        />
      )}
      <NewPhotos saved={saved} onUpdated={(next) => onUpdated(next, "photo")} />
      <dl className="space-y-3 text-lg">
        <div>
          <dt className="font-bold">{t("port")}</dt>
          <dd><PortName port={port} /></dd>
          <dd>{port.address}</dd>
        </div>
        {/* An ended appointment's time is no time to go: it is not repeated. */}
        {appointment.slot && !allocated && phase !== "ended" && (
          <div>
            <dt className="font-bold">{t("when")}</dt>
            <dd>{formatDay(appointment.slot.start, locale, zone)}</dd>
            <dd>{formatTimeRange(appointment.slot.start, appointment.slot.end, locale, zone)}</dd>
          </div>
        )}
        <div>
          <dt className="font-bold">{t("travelers", { count: appointment.travelers.length })}</dt>
          {appointment.travelers.map((traveler, i) => {
            const note = photosMatter(appointment.status) ? photoNote[photoState(traveler)] : null;
            return (
              <dd key={i}>
                <bdi>{displayName(traveler)}</bdi>
                {note && <span className="block text-base">{t(note)}</span>}
              </dd>
            );
          })}
        </div>
      </dl>
      <div className="mt-4 text-base" role="status">
        {freshness.state === "checking" && <p>{t("checking")}</p>}
        {freshness.state === "failed" && <p className="font-semibold">{errorMessage(freshness.code)}</p>}
        {freshness.state !== "checking" && <p>{t("lastUpdated", { time: formatLocalMoment(saved.savedAt, locale) })}</p>}
      </div>
      {/* Only a confirmed appointment has a QR code to show. */}
      {phase === "valid" && appointment.slot && (
        <Link href={`/book/done?code=${encodeURIComponent(appointment.code)}`} className="link mt-4 inline-flex min-h-11 items-center text-lg">
          {t("showConfirmation")}
        </Link>
      )}
      {appointment.status === "confirmed" && (
        <AppointmentActions
          saved={saved}
          onUpdated={changed}
        />
      )}
    </article>
  );
}
