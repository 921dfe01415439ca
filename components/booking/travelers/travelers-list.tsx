"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MAX_TRAVELERS } from "@/lib/shared/schemas/limits";
import { displayName, travelerHref, unfinishedScreen, type TravelerDraft } from "@/lib/scheduling/client/draft";
import { savePhoto } from "@/lib/scheduling/client/draft-store";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { ErrorSummary } from "@/components/form/error-summary";
import { useProblems } from "@/components/form/use-problems";
import { useDraftOrEmpty } from "@/components/booking/use-draft";
import { useReturnTo } from "@/components/booking/use-return-to";
import { TravelerRow } from "./traveler-row";

/** The applicant and family members traveling together: add, change, remove. */
export function TravelersList() {
  const t = useTranslations("travelers");
  const router = useRouter();
  const next = useReturnTo("/book/contact");
  const { draft, update } = useDraftOrEmpty();
  const { errors, attempt, show: setErrors } = useProblems();
  const [removed, setRemoved] = useState("");
  const nameOf = (traveler: TravelerDraft, i: number) => displayName(traveler) || t("unnamed", { number: i + 1 });

  // The new traveler is written into the draft by its form, with their first answer.
  const add = () => router.push(travelerHref(crypto.randomUUID()));
  const remove = async (traveler: TravelerDraft, name: string) => {
    await update((d) => ({ ...d, travelers: d.travelers.filter((x) => x.id !== traveler.id) }));
    await savePhoto(traveler.id, null);
    setRemoved(t("removed", { name }));
    // The row and its buttons are gone: the focus goes on to what comes next, not to the page's top.
    requestAnimationFrame(() => document.getElementById("add-traveler")?.focus());
  };
  const proceed = () => {
    if (draft.travelers.length === 0) return setErrors([{ fieldId: "add-traveler", message: t("errors.none") }]);
    // Someone left half answered (they went back, or changed language midway) is finished first.
    const unfinished = draft.travelers.flatMap((x, i) => {
      const href = unfinishedScreen(x);
      return href ? [{ fieldId: "", href, message: t("errors.unfinished", { name: nameOf(x, i) }) }] : [];
    });
    if (unfinished.length > 0) return setErrors(unfinished);
    router.push(next());
  };

  return (
    <>
      <ErrorSummary key={attempt} errors={errors} />
      <p className="mb-4 text-lg">{t("intro", { max: MAX_TRAVELERS })}</p>
      {draft.travelers.length > 0 && (
        <ul className="mb-6 divide-y-2 divide-gray-300 border-y-2 border-gray-300">
          {draft.travelers.map((traveler, i) => (
            <TravelerRow
              key={traveler.id}
              name={nameOf(traveler, i)}
              isMain={i === 0}
              unfinished={unfinishedScreen(traveler)}
              href={travelerHref(traveler.id)}
              onRemove={() => remove(traveler, nameOf(traveler, i))}
            />
          ))}
        </ul>
      )}
      <p role="status" className={removed ? "mb-4 text-lg" : undefined}>{removed}</p>
      <div className="flex flex-wrap gap-4">
        {draft.travelers.length < MAX_TRAVELERS && (
          <button id="add-traveler" type="button" onClick={add} className="button-secondary">
            {draft.travelers.length === 0 ? t("addFirst") : t("addAnother")}
          </button>
        )}
        <button type="button" onClick={proceed} className="button-primary">{t("continue")}</button>
      </div>
    </>
  );
}
