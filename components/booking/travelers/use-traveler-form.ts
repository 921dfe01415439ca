"use client";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm, type FieldErrors } from "react-hook-form";
import { newTraveler, travelerScreens, type TravelerDraft } from "@/lib/scheduling/client/draft";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { returnsToCheck } from "@/components/booking/use-return-to";
import { resolverFor } from "./traveler-resolver";
import { useAutosave } from "./use-autosave";

type Options = {
  /** Which screen (its index in travelerScreens) and the answers it offers before the person gives one. */
  screen: { index: number; defaults?: (traveler: TravelerDraft) => Partial<TravelerDraft> };
  traveler: TravelerDraft;
  isNew: boolean;
  onSave: (t: TravelerDraft) => Promise<void>;
};

// Field → the element its summary link focuses, and the label that names it there.
const fieldId = (name: string) => (name === "sex" ? "sex-F" : name.replaceAll(".", "-"));
const labelKey = (name: string) => (name.startsWith("dateOfBirth.") ? "dateOfBirth" : name) as "givenNames";

/**
 * The wiring of one traveler screen: the form with the screen's checks, each field's message, the
 * error summary of the last "Continue", saving as the person types, and "Continue" itself (saves,
 * then the next screen, or "Check your answers" when the person came from there).
 */
export function useTravelerForm({ screen, traveler, isNew, onSave }: Options) {
  const t = useTranslations("traveler");
  const tIssue = useTranslations("errors.issues");
  const tForm = useTranslations("form");
  const router = useRouter();
  const { fields } = travelerScreens[screen.index];
  const defaultValues = useMemo(() => ({ ...traveler, ...screen.defaults?.(traveler) }), [traveler, screen]);
  const resolver = useMemo(() => resolverFor(fields), [fields]);
  const form = useForm<TravelerDraft>({ defaultValues, resolver, shouldFocusError: false });
  // The summary is what the last "Continue" found (GOV.UK's pattern): it does not change, nor
  // take the focus, while the person types their fixes; each "Continue" shows it afresh.
  const [attempt, setAttempt] = useState<{ count: number; problems: Record<string, string | undefined> } | null>(null);
  const blank = useMemo(() => JSON.stringify(newTraveler(traveler.id)), [traveler.id]);
  const autosave = useAutosave(form, (values) => {
    // A new traveler joins the draft with their first answer, never as an empty row.
    if (isNew && JSON.stringify({ ...values, preferredLanguage: "" }) === blank) return;
    void onSave({ ...values, id: traveler.id });
  });

  const messageIn = (errors: FieldErrors<TravelerDraft>, name: string) => {
    const [head, tail] = name.split(".");
    const e = errors as Record<string, Record<string, { type?: string; message?: string }> | undefined>;
    const error = (tail ? e[head]?.[tail] : e[head]) as { type?: string; message?: string } | undefined;
    return error?.type ? tIssue(error.type as "required", JSON.parse(error.message || "{}")) : undefined;
  };
  const message = (name: string) => messageIn(form.formState.errors, name);
  // One line per question: the date's three boxes share the first box's message.
  const summary = !attempt
    ? []
    : fields.flatMap((name, i) => {
        const problem = attempt.problems[name];
        if (!problem || (name.startsWith("dateOfBirth.") && fields.slice(0, i).some((f) => f.startsWith("dateOfBirth.") && attempt.problems[f]))) return [];
        // The same sentence can concern two fields ("Choose a country from the list."): the summary
        // names the field, so a screen-reader user knows which one.
        return [{ fieldId: fieldId(name), message: tForm("fieldProblem", { field: t(labelKey(name)), problem }) }];
      });

  const save = form.handleSubmit(
    async (values) => {
      autosave.cancel();
      await onSave({ ...values, id: traveler.id });
      const next = travelerScreens[screen.index + 1];
      router.push(returnsToCheck() ? "/book/check" : next ? `${next.path}?id=${encodeURIComponent(traveler.id)}` : "/book/travelers");
    },
    // Copied out: the form's own errors change (in place) as the person types fixes.
    (errors) => setAttempt((last) => ({ count: (last?.count ?? 0) + 1, problems: Object.fromEntries(fields.map((name) => [name, messageIn(errors, name)])) })),
  );

  /** `attempt`: a new one each "Continue", so the summary takes the focus even when the problems are the same. */
  return { form, message, summary, attempt: attempt?.count, save };
}
