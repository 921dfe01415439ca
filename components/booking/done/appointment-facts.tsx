"use client";
import { useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { Link } from "@/lib/shared/i18n/navigation";
import { PortName } from "@/components/booking/port/port-name";

/** When (if given: `null` leaves the line out), where and who, the same on every state of the page. */
export function AppointmentFacts({ saved, when }: { saved: SavedAppointment; when: string | null }) {
  const t = useTranslations("done");
  const { appointment, port } = saved;
  return (
    <dl className="my-6 space-y-3 text-lg">
      {when !== null && <div><dt className="font-semibold">{t("when")}</dt><dd>{when}</dd></div>}
      <div><dt className="font-semibold">{t("where")}</dt><dd><PortName port={port} /><br />{port.address}</dd></div>
      <div><dt className="font-semibold">{t("who")}</dt><dd><ul>{appointment.travelers.map((x, i) => <li key={i}><bdi>{[x.givenNames, x.familyNames].filter(Boolean).join(" ")}</bdi></li>)}</ul></dd></div>
    </dl>
  );
}

/** The way to everything this phone keeps, under every state of the page. */
export function MyAppointmentLink() {
  const t = useTranslations("done");
  return <Link href="/appointment" className="button-secondary">{t("myAppointment")}</Link>;
}
