"use client";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense, useMemo, useState } from "react";
import { Controller, useForm, type FieldErrors, type Resolver } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { CountrySelect } from "@/components/form/country-select";
import { TextField } from "@/components/form/text-field";
import type { TravelerDraft } from "@/lib/scheduling/client/draft";
import { travelerLanguages } from "@/lib/scheduling/client/languages";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { DateOfBirthField } from "./date-of-birth-field";
import { useDraft } from "@/components/booking/use-draft";
import { returnsToCheck } from "@/components/booking/use-return-to";

const fieldId = (name: string) => name.replaceAll(".", "-");

/** The same checks as the server, run on the device; errors keep their message key as `type`. */
const resolver: Resolver<TravelerDraft> = async (values) => {
  // The shared schema (and zod) load on the first "Continue", not with the page: the person pays
  // for the validator only when they use it, and the page appears sooner on a slow phone.
  const { validateTraveler } = await import("@/lib/scheduling/client/traveler-validation");
  const problems = validateTraveler(values, new Date().toISOString().slice(0, 10));
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

export function TravelerForm() {
  // Which traveler comes from `?id=`, known only in the browser: `useSearchParams` makes only this
  // boundary wait for the browser (see step-route.tsx). Its fallback is empty on purpose: a
  // disabled copy of the form's first screen makes the phone render the form's top twice and
  // throw one away, which made the page slower in bench:web.
  return (
    <Suspense>
      <TravelerById />
    </Suspense>
  );
}

function TravelerById() {
  const id = useSearchParams().get("id");
  const { draft, update } = useDraft();
  const traveler = draft?.travelers.find((x) => x.id === id);
  if (!draft) return null;
  if (!traveler) return <MissingTraveler />;
  return <Form key={traveler.id} traveler={traveler} isMain={draft.travelers[0]?.id === id} onSave={(t) => update((d) => ({ ...d, travelers: d.travelers.map((x) => (x.id === t.id ? t : x)) }))} />;
}

function MissingTraveler() {
  const t = useTranslations("traveler");
  const router = useRouter();
  return <button type="button" className="button-secondary" onClick={() => router.push("/book/travelers")}>{t("missing")}</button>;
}

function Form({ traveler, isMain, onSave }: { traveler: TravelerDraft; isMain: boolean; onSave: (t: TravelerDraft) => Promise<void> }) {
  const t = useTranslations("traveler");
  const tIssue = useTranslations("errors.issues");
  const tForm = useTranslations("form");
  const locale = useLocale();
  const router = useRouter();
  const { register, handleSubmit, control, formState } = useForm<TravelerDraft>({ defaultValues: traveler, resolver, shouldFocusError: false });
  const [submitted, setSubmitted] = useState(false);
  const languageNames = useMemo(() => new Intl.DisplayNames([locale], { type: "language", fallback: "none" }), [locale]);

  const message = (error?: { type?: string | number; message?: string }) =>
    error?.type ? tIssue(String(error.type) as "required", JSON.parse(error.message || "{}")) : undefined;
  const e = formState.errors;
  const summary = !submitted ? [] : ([
    ["givenNames", e.givenNames], ["familyNames", e.familyNames], ["dateOfBirth.day", e.dateOfBirth?.day],
    ["sex", e.sex], ["nationality", e.nationality], ["countryOfBirth", e.countryOfBirth],
    ["preferredLanguage", e.preferredLanguage], ["documentType", e.documentType], ["documentNumber", e.documentNumber],
    ["documentCountry", e.documentCountry],
  ] as const).flatMap(([name, error]) => {
    if (!error) return [];
    // The same sentence can concern two fields ("Choose a country from the list."): the summary
    // names the field, so a screen-reader user knows which one.
    const field = t(name === "dateOfBirth.day" ? "dateOfBirth" : name);
    return [{ fieldId: name === "sex" ? "sex-F" : fieldId(name), message: tForm("fieldProblem", { field, problem: message(error)! }) }];
  });

  const save = handleSubmit(
    async (values) => {
      await onSave({ ...values, id: traveler.id });
      router.push(returnsToCheck() ? "/book/check" : "/book/travelers");
    },
    () => setSubmitted(true),
  );

  return (
    <form noValidate onSubmit={save}>
      <ErrorSummary errors={summary} />
      <p className="mb-6 text-lg">{isMain ? t("introMain") : t("introFamily")}</p>
      <TextField id="givenNames" label={t("givenNames")} hint={t("givenNamesHint")} autoComplete={isMain ? "given-name" : "off"} spellCheck={false} autoCapitalize="off" error={message(e.givenNames)} {...register("givenNames")} />
      <TextField id="familyNames" label={t("familyNames")} hint={t("familyNamesHint")} autoComplete={isMain ? "family-name" : "off"} spellCheck={false} autoCapitalize="off" error={message(e.familyNames)} {...register("familyNames")} />
      <DateOfBirthField register={register} error={message(e.dateOfBirth?.day ?? e.dateOfBirth?.month ?? e.dateOfBirth?.year)} isMain={isMain} />
      <fieldset className={`mb-6 ${e.sex ? "border-s-4 border-red-700 ps-3" : ""}`} aria-describedby={e.sex ? "sex-error" : undefined}>
        <legend className="text-lg font-semibold">{t("sex")}</legend>
        {e.sex && <p id="sex-error" className="font-semibold text-red-800">{message(e.sex)}</p>}
        {/* The label wraps the radio: the whole row, at least 44 px high, chooses it (WCAG 2.5.5). */}
        {(["F", "M", "X"] as const).map((value) => (
          <label key={value} htmlFor={`sex-${value}`} className="mt-1 flex min-h-11 cursor-pointer items-center gap-3 text-lg">
            <input id={`sex-${value}`} type="radio" value={value} className="h-8 w-8 shrink-0 accent-blue-800" {...register("sex")} />
            {t(`sexOptions.${value}`)}
          </label>
        ))}
      </fieldset>
      <Controller control={control} name="nationality" render={({ field }) => (
        <CountrySelect id="nationality" nationality label={t("nationality")} value={field.value} onChange={field.onChange} error={message(e.nationality)} />
      )} />
      <Controller control={control} name="countryOfBirth" render={({ field }) => (
        <CountrySelect id="countryOfBirth" label={t("countryOfBirth")} value={field.value} onChange={field.onChange} error={message(e.countryOfBirth)} />
      )} />
      <div className="mb-6">
        <label htmlFor="preferredLanguage" className="block text-lg font-semibold">{t("preferredLanguage")}</label>
        <p id="preferredLanguage-hint" className="text-gray-700">{t("preferredLanguageHint")}</p>
        <select id="preferredLanguage" aria-describedby="preferredLanguage-hint" className="mt-1 block min-h-11 w-full border-2 border-gray-900 bg-white px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400" {...register("preferredLanguage")}>
          {travelerLanguages.filter((code) => languageNames.of(code)).map((code) => (
            <option key={code} value={code}>{languageNames.of(code)}</option>
          ))}
        </select>
      </div>
      <DocumentFields register={register} control={control} errors={e} message={message} />
      <button type="submit" className="button-primary">{t("save")}</button>
    </form>
  );
}

function DocumentFields({ register, control, errors, message }: {
  register: ReturnType<typeof useForm<TravelerDraft>>["register"];
  control: ReturnType<typeof useForm<TravelerDraft>>["control"];
  errors: FieldErrors<TravelerDraft>;
  message: (error?: { type?: string | number; message?: string }) => string | undefined;
}) {
  const t = useTranslations("traveler");
  const tForm = useTranslations("form");
  return (
    <fieldset className="mb-6 border-2 border-gray-300 p-3">
      <legend className="px-1 text-lg font-semibold">
        {t("document")} <span className="font-normal">{tForm("optional")}</span>
      </legend>
      <p className="mb-4 text-gray-700">{t("documentHint")}</p>
      <div className="mb-6">
        <label htmlFor="documentType" className="block text-lg font-semibold">{t("documentType")}</label>
        <select id="documentType" className="mt-1 block min-h-11 w-full border-2 border-gray-900 bg-white px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400" {...register("documentType")}>
          <option value="">{t("documentTypes.none")}</option>
          {(["passport", "national_id", "travel_document", "other"] as const).map((type) => (
            <option key={type} value={type}>{t(`documentTypes.${type}`)}</option>
          ))}
        </select>
      </div>
      <TextField id="documentNumber" label={t("documentNumber")} autoComplete="off" spellCheck={false} error={message(errors.documentNumber)} {...register("documentNumber")} />
      <Controller control={control} name="documentCountry" render={({ field }) => (
        <CountrySelect id="documentCountry" label={t("documentCountry")} value={field.value} onChange={field.onChange} error={message(errors.documentCountry)} />
      )} />
    </fieldset>
  );
}
