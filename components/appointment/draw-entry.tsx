"use client";
import { useLocale, useTranslations } from "next-intl";
import { contactGiven, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { formatClock, formatDay } from "@/lib/scheduling/client/format-slot";
import { WithdrawEntry } from "./withdraw-entry";
import type { Appointment } from "./appointment-actions";

/**
 * A request in the draw, explained: when the draw runs (the port's clock, its zone named), the
 * deadline a place won in it would have, how the result reaches the person (the app checks when it
 * opens: nothing is sent, and with no contact given nothing could be), and the way out.
 */
type Props = {
  saved: SavedAppointment;
  onWithdrawn: (a: Appointment) => void;
  /** Under a page's title 2; inside a card that already shows the code, 3 and no code again. */
  headingLevel?: 2 | 3;
};

export function DrawEntry({ saved, onWithdrawn, headingLevel = 2 }: Props) {
  const t = useTranslations("appointmentState.draw");
  const locale = useLocale();
  const { appointment, port } = saved;
  const zone = port.timeZone;
  const moment = (instant: string) => ({ date: formatDay(instant, locale, zone), time: formatClock(locale, zone, new Date(instant)) });
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  const waiting = appointment.status === "requested";
  return (
    <section aria-labelledby={`draw-${appointment.code}`} className="mb-6">
      <div className="mb-4 border-4 border-blue-800 bg-blue-50 p-4">
        <Heading id={`draw-${appointment.code}`} className="mb-2 text-2xl font-bold">{t(waiting ? "inTitle" : "notSelectedTitle")}</Heading>
        <p className="text-lg">{t(waiting ? "notYet" : "stay")}</p>
        {waiting && appointment.drawAt && <p className="mt-2 text-lg font-bold">{t("when", moment(appointment.drawAt))}</p>}
        {headingLevel === 2 && (
          <>
            <p className="mt-4 text-lg">{t("entryLabel")}</p>
            {/* Codes are Latin letters and digits: kept left-to-right inside Arabic text. */}
            <p className="font-mono text-3xl font-bold tracking-wider"><span dir="ltr">{appointment.code}</span></p>
          </>
        )}
        <p className="mt-2 text-lg font-semibold">{t("free")}</p>
      </div>
      <Sub className="mb-2 text-xl font-bold">{t("ifChosenTitle")}</Sub>
      <p className="mb-4 text-lg">
        {waiting && appointment.confirmByIfChosen ? t("ifChosen", moment(appointment.confirmByIfChosen)) : t("ifChosenSoon")}
      </p>
      <Sub className="mb-2 text-xl font-bold">{t("resultTitle")}</Sub>
      <p className="mb-2 text-lg">{t("resultApp")}</p>
      <p className="mb-4 text-lg">{t(contactGiven(saved) ? "resultContact" : "resultNoContact")}</p>
      <WithdrawEntry saved={saved} onWithdrawn={onWithdrawn} />
    </section>
  );
}
