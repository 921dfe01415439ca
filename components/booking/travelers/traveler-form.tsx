"use client";
import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense, useMemo, useState, type ComponentType } from "react";
import { useForm, type FieldErrors, type Resolver, type UseFormReturn } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { displayName, newTraveler, travelerScreens, type TravelerDraft } from "@/lib/scheduling/client/draft";
import { MAX_TRAVELERS } from "@/lib/shared/schemas/limits";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { useDraft } from "@/components/booking/use-draft";
import { returnsToCheck } from "@/components/booking/use-return-to";
import { useAutosave } from "./use-autosave";

/** What a screen's fields get: the form, each field's message, and whether this is the applicant. */
export type FieldsProps = {
  form: UseFormReturn<TravelerDraft>;
  message: (field: string) => string | undefined;
  isMain: boolean;
};

type Screen = {
  /** Index in travelerScreens: which fields are this screen's, and which screen comes next. */
  index: number;
  Fields: ComponentType<FieldsProps>;
  /** Answers offered before the person gives one (the nationality's language, its country). */
  defaults?: (traveler: TravelerDraft) => Partial<TravelerDraft>;
};

// Field → the element its summary link focuses, and the label that names it there.
const fieldId = (name: string) => (name === "sex" ? "sex-F" : name.replaceAll(".", "-"));
const labelKey = (name: string) => (name.startsWith("dateOfBirth.") ? "dateOfBirth" : name) as "givenNames";

/**
 * One screen of a traveler's questions (travelerScreens in the draft): every problem of the screen
 * at the first "Continue", the answers saved to the draft as they are typed (so changing language
 * or going back keeps them), then the next screen, or "Check your answers" when the person came
 * from there.
 */
export function TravelerForm(screen: Screen) {
  // Which traveler comes from `?id=`, known only in the browser: `useSearchParams` makes only this
  // boundary wait for the browser (see step-route.tsx). Its fallback is empty on purpose: a
  // disabled copy of the form makes the phone render the form's top twice and throw one away.
  return (
    <Suspense>
      <TravelerById {...screen} />
    </Suspense>
  );
}

function TravelerById(screen: Screen) {
  const id = useSearchParams().get("id");
  const { draft, update } = useDraft();
  if (!draft || !id) return draft && <MissingTraveler />;
  const index = draft.travelers.findIndex((x) => x.id === id);
  // "Add" only opens the first screen with a new id: the traveler joins the list once something
  // is written, so "Add" then "Back" leaves no empty traveler behind.
  const isNew = index === -1;
  if (isNew && (screen.index > 0 || draft.travelers.length >= MAX_TRAVELERS)) return <MissingTraveler />;
  const traveler = isNew ? newTraveler(id) : draft.travelers[index];
  const number = isNew ? draft.travelers.length + 1 : index + 1;
  const save = (t: TravelerDraft) =>
    update((d) => (d.travelers.some((x) => x.id === t.id) ? { ...d, travelers: d.travelers.map((x) => (x.id === t.id ? t : x)) } : { ...d, travelers: [...d.travelers, t].slice(0, MAX_TRAVELERS) }));
  return <Form key={`${id}-${screen.index}`} screen={screen} traveler={traveler} number={number} isNew={isNew} onSave={save} />;
}

function MissingTraveler() {
  const t = useTranslations("traveler");
  const router = useRouter();
  return <button type="button" className="button-secondary" onClick={() => router.push("/book/travelers")}>{t("missing")}</button>;
}

/** The same checks as the server, run on the device; errors keep their message key as `type`. */
function resolverFor(fields: readonly string[]): Resolver<TravelerDraft> {
  return async (values) => {
    // The shared schema (and zod) load on the first "Continue", not with the page: the person pays
    // for the validator only when they use it, and the page appears sooner on a slow phone.
    const { validateTraveler } = await import("@/lib/scheduling/client/traveler-validation");
    const problems = validateTraveler(values, new Date().toISOString().slice(0, 10)).filter((p) => fields.includes(p.field));
    if (problems.length === 0) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const p of problems) {
      const [head, tail] = p.field.split(".");
      const error = { type: p.key, message: JSON.stringify(p.values ?? {}) };
      if (tail) errors[head] = { ...(errors[head] as object), [tail]: error };
      else errors[head] = error;
    }
    return { values: {}, errors: errors as FieldErrors<TravelerDraft> };
  };
}

function Form({ screen, traveler, number, isNew, onSave }: { screen: Screen; traveler: TravelerDraft; number: number; isNew: boolean; onSave: (t: TravelerDraft) => Promise<void> }) {
  const t = useTranslations("traveler");
  const tList = useTranslations("travelers");
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

  const name = displayName(traveler) || tList("unnamed", { number });
  const isMain = number === 1;
  return (
    <form noValidate onSubmit={save}>
      {/* A new one each "Continue": it takes the focus even when the problems are the same. */}
      <ErrorSummary key={attempt?.count} errors={summary} />
      {screen.index === 0 ? (
        <p className="mb-6 text-lg">{isMain ? t("introMain") : t("introFamily")}</p>
      ) : (
        // Whose answers these are: in a family, the screens look alike.
        <p className="mb-6 text-xl font-semibold">{name}</p>
      )}
      <screen.Fields form={form} message={message} isMain={isMain} />
      <button type="submit" className="button-primary">{t("save")}</button>
    </form>
  );
}
