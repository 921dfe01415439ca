"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { appointmentHolding, listAppointments, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { displayName, type Draft } from "@/lib/scheduling/client/draft";
import { Link } from "@/lib/shared/i18n/navigation";

/**
 * The refusal of a person who already holds an appointment (409 traveler_already_booked). Nothing
 * in the answers is wrong, so nothing links to the name: changing it would only misspell it. It
 * says the person has an appointment and how to open it: the one saved on this phone when a
 * saved card holds that name (matched here; the server never says whose appointment it is),
 * otherwise on the phone where it was made or by its code at the port.
 */
export function AlreadyBooked({ issues, draft }: { issues: { path: string }[]; draft: Draft }) {
  const t = useTranslations("appointmentState.duplicate");
  const box = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState<SavedAppointment[] | null>(null);
  const people = issues.flatMap((issue) => {
    const [head, index] = issue.path.split(".");
    const traveler = head === "travelers" ? draft.travelers[Number(index)] : undefined;
    return traveler ? [traveler] : [];
  });

  useEffect(() => {
    listAppointments().then(setSaved, () => setSaved([]));
    box.current?.focus();
  }, []);

  const rule = <p className="mt-2 text-lg">{t("rule")}</p>;
  return (
    <div ref={box} tabIndex={-1} role="alert" className="mb-8 border-4 border-red-700 p-4 focus-visible:outline-4 focus-visible:outline-yellow-400">
      {people.length === 0 && (
        <>
          <h2 className="text-xl font-bold">{t("titleSomeone")}</h2>
          {rule}
          <p className="mt-2 text-lg">{t("elsewhere")}</p>
        </>
      )}
      {people.map((person, i) => {
        const name = displayName(person);
        const holding = saved && appointmentHolding(saved, person);
        return (
          <section key={person.id} className={i > 0 ? "mt-6 border-t-2 border-gray-400 pt-4" : ""}>
            <h2 className="text-xl font-bold">{t("title", { name })}</h2>
            {i === 0 && rule}
            {holding ? (
              <>
                <p className="mt-2 text-lg">{t("openHint")}</p>
                <Link href={`/appointment#appointment-${encodeURIComponent(holding.appointment.code)}`} className="button-primary mt-3">
                  {t("open", { name, code: holding.appointment.code })}
                </Link>
              </>
            ) : (
              saved && <p className="mt-2 text-lg">{t("elsewhere")}</p>
            )}
            {draft.travelers.length > people.length && (
              <>
                <p className="mt-4 text-lg">{t("removeBody", { name })}</p>
                <Link href="/book/travelers?return=check" className="button-secondary mt-3">{t("remove", { name })}</Link>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
