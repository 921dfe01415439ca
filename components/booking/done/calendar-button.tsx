"use client";
import { useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { icsFile } from "@/lib/scheduling/client/ics";

/** Downloads an .ics file, which phone calendars import without any account or network. */
export function CalendarButton({ saved }: { saved: SavedAppointment }) {
  const t = useTranslations("done");
  const { appointment, port } = saved;
  if (!appointment.slot) return null;
  const download = () => {
    const ics = icsFile({
      uid: `${appointment.code}@puerta`,
      start: appointment.slot!.start,
      end: appointment.slot!.end,
      title: t("calendarTitle", { port: port.name }),
      location: port.address,
      description: t("calendarDescription", { code: appointment.code }),
      stamp: new Date(),
    });
    const url = URL.createObjectURL(new Blob([ics], { type: "text/calendar" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: `puerta-${appointment.code}.ics` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return <button type="button" className="button-secondary" onClick={download}>{t("calendar")}</button>;
}
