"use client";
import { useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { phaseOf } from "@/components/appointment/phase";

type Appointment = SavedAppointment["appointment"];

/**
 * The page's one heading. "Your request was sent" until the appointment is read, and while it
 * stands; once it has ended the heading says what happened, so the first thing read (and what a
 * screen reader announces) does not contradict the notice below it. A draw entry never had a time:
 * cancelling it was withdrawing the request.
 */
export function DoneTitle({ appointment }: { appointment?: Appointment | null }) {
  const t = useTranslations("done");
  const title =
    !appointment || phaseOf(appointment.status) !== "ended" ? t("title")
    : appointment.status === "expired" ? t("titleExpired")
    : appointment.slot ? t("titleCancelled")
    : t("titleWithdrawn");
  return <h1 className="mb-6 text-3xl font-bold">{title}</h1>;
}
