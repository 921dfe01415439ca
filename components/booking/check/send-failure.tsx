"use client";
import { useLocale, useTranslations } from "next-intl";
import type { ApiFailure } from "@/lib/scheduling/client/api-client";
import { answerLocation } from "@/lib/scheduling/client/answer-location";
import { displayName, type Draft } from "@/lib/scheduling/client/draft";
import { ErrorSummary } from "@/components/form/error-summary";
import { formatSlotRange } from "@/lib/scheduling/client/format-slot";
import { AlreadyBooked } from "@/components/appointment/already-booked";

type Slot = { id: string; start: string; end: string };

/**
 * What a refused send tells the person, in their language, with their answers kept: each problem
 * links to where it is fixed; a slot taken meanwhile offers the alternatives right here; a person
 * who already has an appointment is told how to open it (nothing to fix in the answers).
 */
export function SendFailure({ failure, draft, timeZone, onChooseSlot }: { failure: ApiFailure; draft: Draft; timeZone: string; onChooseSlot: (slot: Slot) => void }) {
  const t = useTranslations("check");
  const tCode = useTranslations("errors.codes");
  const tIssue = useTranslations("errors.issues");
  const locale = useLocale();

  if (failure.code === "slot_full" || failure.code === "slot_closed") {
    return (
      <div role="alert" className="mb-8 border-4 border-red-700 p-4">
        <h2 className="text-xl font-bold">{tCode(failure.code)}</h2>
        {failure.alternatives.length > 0 ? (
          <fieldset className="mt-3">
            <legend className="text-lg">{t("alternatives")}</legend>
            {failure.alternatives.map((slot) => (
              <button key={slot.id} type="button" className="button-secondary mt-2 block w-full text-start" onClick={() => onChooseSlot(slot)}>
                {formatSlotRange(slot, timeZone, locale)}
              </button>
            ))}
          </fieldset>
        ) : (
          <p className="mt-2 text-lg">{t("noAlternatives")}</p>
        )}
      </div>
    );
  }

  if (failure.code === "traveler_already_booked") return <AlreadyBooked issues={failure.issues} draft={draft} />;

  if (failure.code === "network") {
    return <div role="alert" className="mb-8 border-4 border-red-700 p-4 text-lg">{t("offline")}</div>;
  }

  const errors = failure.issues.length > 0
    ? failure.issues.map((issue) => {
        const where = answerLocation(issue.path, draft);
        const who = where.traveler !== undefined ? displayName(draft.travelers[where.traveler] ?? { givenNames: "", familyNames: "" }) : "";
        const problem = tIssue(issue.code as "required");
        return { fieldId: "", href: where.href, message: who ? t("travelerProblem", { name: who, problem }) : problem };
      })
    : [{ fieldId: "", href: answerLocation(failure.code === "outside_eligible_area" ? "location" : "", draft).href, message: tCode(failure.code as "internal_error") }];
  return <ErrorSummary errors={errors} />;
}
