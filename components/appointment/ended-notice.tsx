"use client";
import { useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { Link } from "@/lib/shared/i18n/navigation";

/**
 * A cancelled or expired appointment, read at a glance: a red (or grey) box whose headline says
 * it, that it is no longer valid for the port, and what to do now. Nothing here invites travel.
 */
export function EndedNotice({ saved, headingLevel = 2 }: { saved: SavedAppointment; headingLevel?: 2 | 3 }) {
  const t = useTranslations("appointmentState.ended");
  const { appointment } = saved;
  // A draw entry never had a time: cancelling it was leaving the draw.
  const title =
    appointment.status === "expired" ? t("expiredTitle")
    : appointment.slot ? t("cancelledTitle")
    : t("withdrawnTitle");
  const Heading = `h${headingLevel}` as const;
  return (
    <section
      aria-labelledby={`ended-${appointment.code}`}
      className={`mb-6 border-4 p-4 ${appointment.status === "cancelled" ? "border-red-700 bg-red-50" : "border-gray-700 bg-gray-100"}`}
    >
      {/* Focusable: after leaving the draw the button pressed is gone, and focus lands here. */}
      <Heading id={`ended-${appointment.code}`} tabIndex={-1} className="mb-2 text-2xl font-bold focus-visible:outline-4 focus-visible:outline-yellow-400">{title}</Heading>
      <p className="mb-4 text-lg font-semibold">{t("notValid")}</p>
      <p className="mb-4 text-lg">{t("againBody")}</p>
      <Link href="/" className="button-primary">{t("again")}</Link>
    </section>
  );
}
