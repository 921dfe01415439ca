"use client";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import type { AttestationId } from "@/lib/eligibility/shared/attestations";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { ErrorSummary, type FieldError } from "@/components/form/error-summary";
import { useProblems } from "@/components/form/use-problems";
import { LocationCheck } from "./location-check";
import { useDraftOrEmpty } from "@/components/booking/use-draft";
import { useReturnTo } from "@/components/booking/use-return-to";

/** The deployment's statements to attest, then the location check. */
export function EligibilityForm({ attestationIds }: { attestationIds: readonly AttestationId[] }) {
  const t = useTranslations("eligibility");
  const router = useRouter();
  const next = useReturnTo("/book/travelers");
  const { draft, update } = useDraftOrEmpty();
  const { errors, attempt, show: setErrors } = useProblems();

  const toggle = (id: string, checked: boolean) =>
    update((d) => ({ ...d, attestations: checked ? [...new Set([...d.attestations, id])] : d.attestations.filter((a) => a !== id) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    const missing = attestationIds.find((id) => !draft.attestations.includes(id));
    if (missing) found.push({ fieldId: `attest-${missing}`, message: t("errors.attest") });
    if (!draft.location) found.push({ fieldId: "location-check", message: t("errors.location") });
    setErrors(found);
    if (found.length === 0) router.push(next());
  };

  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary key={attempt} errors={errors} />
      <fieldset className="mb-8">
        <legend className="mb-2 text-2xl font-bold">{t("attestTitle")}</legend>
        <p className="mb-4 text-lg">{t("attestHint")}</p>
        {attestationIds.map((id) => (
          // The label wraps the box: the whole row, at least 44 px high, ticks it (WCAG 2.5.5).
          <label key={id} htmlFor={`attest-${id}`} className="mb-3 flex min-h-11 cursor-pointer items-start gap-3 py-1.5 text-lg">
            <input
              id={`attest-${id}`}
              type="checkbox"
              className="h-8 w-8 shrink-0 accent-blue-800"
              checked={draft.attestations.includes(id)}
              onChange={(event) => toggle(id, event.target.checked)}
            />
            <span>{t(`statements.${id}`)}</span>
          </label>
        ))}
      </fieldset>
      <LocationCheck location={draft.location} onChange={(location) => update((d) => ({ ...d, location }))} />
      <button type="submit" className="button-primary">{t("continue")}</button>
    </form>
  );
}
