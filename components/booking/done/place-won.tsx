"use client";
import { useLocale, useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { formatClock, formatDay } from "@/lib/scheduling/client/format-slot";
import { Link } from "@/lib/shared/i18n/navigation";
import { AppointmentFacts, MyAppointmentLink } from "./appointment-facts";

/**
 * A place won in the draw, not confirmed yet (its deadline and the way to confirm), or a person
 * already checked in at the port. Neither shows a QR code: the first is not an appointment yet,
 * the second has used it.
 */
export function PlaceWon({ saved, arrived, when }: { saved: SavedAppointment; arrived: boolean; when: string }) {
  const t = useTranslations("done");
  const locale = useLocale();
  const { appointment, port } = saved;
  const zone = port.timeZone;
  const deadline = appointment.confirmBy && t("deadline", { date: formatDay(appointment.confirmBy, locale, zone), time: formatClock(locale, zone, new Date(appointment.confirmBy)) });
  return (
    <>
      <section aria-labelledby="state" className={`mb-6 border-4 p-4 ${arrived ? "border-green-800 bg-green-50" : "border-blue-800 bg-blue-50"}`}>
        <h2 id="state" className="mb-2 text-2xl font-bold">{t(arrived ? "arrivedTitle" : "allocatedTitle")}</h2>
        {!arrived && <p className="mb-2 text-lg">{t("allocatedBody")}</p>}
        {!arrived && deadline && <p className="text-lg font-bold">{deadline}</p>}
      </section>
      <AppointmentFacts saved={saved} when={when || null} />
      <div className="no-print flex flex-wrap gap-4">
        {arrived ? <MyAppointmentLink /> : <Link href="/appointment" className="button-primary">{t("confirmPlace")}</Link>}
      </div>
    </>
  );
}
