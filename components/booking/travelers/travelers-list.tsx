"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MAX_TRAVELERS } from "@/lib/shared/schemas/limits";
import { displayName, newTraveler } from "@/lib/scheduling/client/draft";
import { savePhoto } from "@/lib/scheduling/client/draft-store";
import { Link, useRouter } from "@/lib/shared/i18n/navigation";
import { ErrorSummary, type FieldError } from "@/components/form/error-summary";
import { useDraftOrEmpty } from "@/components/booking/use-draft";
import { useReturnTo } from "@/components/booking/use-return-to";

/** The applicant and family members traveling together: add, change, remove. */
export function TravelersList({ locale }: { locale: string }) {
  const t = useTranslations("travelers");
  const router = useRouter();
  const next = useReturnTo("/book/contact");
  const { draft, update } = useDraftOrEmpty();
  const [errors, setErrors] = useState<FieldError[]>([]);

  const add = async () => {
    const traveler = newTraveler(crypto.randomUUID(), locale);
    await update((d) => ({ ...d, travelers: [...d.travelers, traveler] }));
    router.push(`/book/traveler?id=${traveler.id}`);
  };
  const remove = async (id: string) => {
    await update((d) => ({ ...d, travelers: d.travelers.filter((x) => x.id !== id) }));
    await savePhoto(id, null);
  };
  const proceed = () => {
    if (draft.travelers.length === 0) return setErrors([{ fieldId: "add-traveler", message: t("errors.none") }]);
    router.push(next());
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      <p className="mb-4 text-lg">{t("intro", { max: MAX_TRAVELERS })}</p>
      {draft.travelers.length > 0 && (
        <ul className="mb-6 divide-y-2 divide-gray-300 border-y-2 border-gray-300">
          {draft.travelers.map((traveler, i) => (
            <li key={traveler.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <span className="text-lg font-semibold">
                {displayName(traveler) || t("unnamed", { number: i + 1 })}
                {i === 0 && <span className="block text-base font-normal">{t("mainApplicant")}</span>}
              </span>
              <span className="flex gap-4">
                <Link href={`/book/traveler?id=${traveler.id}`} className="link inline-flex min-h-11 min-w-11 items-center justify-center text-lg">
                  {t("change")}<span className="sr-only"> {displayName(traveler)}</span>
                </Link>
                <button type="button" onClick={() => remove(traveler.id)} className="link inline-flex min-h-11 min-w-11 items-center justify-center text-lg">
                  {t("remove")}<span className="sr-only"> {displayName(traveler)}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
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
