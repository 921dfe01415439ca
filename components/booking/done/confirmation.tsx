"use client";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { formatSlotRange } from "@/lib/scheduling/client/format-slot";
import { Link } from "@/lib/shared/i18n/navigation";
import { phaseOf } from "@/components/appointment/phase";
import { DoneTitle } from "./done-title";
import { DrawOrEnded } from "./draw-or-ended";
import { PlaceWon } from "./place-won";
import { useSavedAppointment } from "./use-saved-appointment";
import { ValidAppointment } from "./valid-appointment";

/**
 * The proof of appointment, kept on the device: readable, scannable, printable, offline. Only a
 * confirmed appointment shows a QR code and what to do at the port; a cancelled, expired or
 * not-yet-won one says what it is first and what to do instead. The page's heading is this step's
 * own (see step-route.tsx): it follows the appointment's status.
 */
export function Confirmation() {
  // `?code=` is known only in the browser: only this boundary waits for it (see step-route.tsx).
  // Its fallback is the heading, so the server's HTML still has one.
  return (
    <Suspense fallback={<DoneTitle />}>
      <ConfirmationOf />
    </Suspense>
  );
}

function ConfirmationOf() {
  const { saved, movedFrom, withdrawn } = useSavedAppointment(useSearchParams().get("code"));
  return (
    <>
      <DoneTitle appointment={saved?.appointment} />
      {saved !== undefined && <ConfirmationBody saved={saved} movedFrom={movedFrom} onWithdrawn={withdrawn} />}
    </>
  );
}

type Appointment = SavedAppointment["appointment"];
type BodyProps = { saved: SavedAppointment | null; movedFrom: NonNullable<Appointment["slot"]> | null; onWithdrawn: (next: Appointment) => void };

/** What the phone has of the appointment, by what it is good for (components/appointment/phase.ts). */
function ConfirmationBody({ saved, movedFrom, onWithdrawn }: BodyProps) {
  const t = useTranslations("done");
  const locale = useLocale();
  if (saved === null) return <p className="text-lg">{t("notFound")} <Link href="/appointment" className="link">{t("myAppointment")}</Link></p>;
  const { appointment, port } = saved;
  const phase = phaseOf(appointment.status);
  const when = appointment.slot ? formatSlotRange(appointment.slot, port.timeZone, locale) : "";
  if (phase === "ended" || phase === "draw") return <DrawOrEnded saved={saved} ended={phase === "ended"} onWithdrawn={onWithdrawn} />;
  if (phase === "allocated" || phase === "arrived") return <PlaceWon saved={saved} arrived={phase === "arrived"} when={when} />;
  return <ValidAppointment saved={saved} when={when} movedFrom={movedFrom} />;
}
