"use client";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import type { TravelerDraft } from "@/lib/scheduling/client/draft";
import { travelerLanguages, usualLanguage } from "@/lib/scheduling/client/languages";
import { languageName } from "@/lib/shared/i18n/display-names";
import { TravelerForm } from "./traveler-form";
import type { FieldsProps } from "./traveler-screen-form";

/**
 * The language for the interview at the port. It starts as the usual language of the person's
 * nationality (a Haitian's is Creole, whatever the phone speaks); with no usual one, it is asked.
 */
export function LanguageScreen() {
  return <TravelerForm index={3} Fields={LanguageFields} defaults={languageDefaults} />;
}

function languageDefaults(t: TravelerDraft): Partial<TravelerDraft> {
  return { preferredLanguage: t.preferredLanguage || usualLanguage(t.nationality) };
}

function LanguageFields({ form: { register, formState, getValues }, message }: FieldsProps) {
  const t = useTranslations("traveler");
  const locale = useLocale();
  const error = message("preferredLanguage");
  const options = useMemo(
    () => travelerLanguages.flatMap((code) => {
      const name = languageName(locale, code);
      return name ? [{ code, name }] : [];
    }),
    [locale],
  );
  // Said only when the answer shown is the nationality's language, not one the person chose.
  const offered = formState.defaultValues?.preferredLanguage;
  const guessed = offered && offered === usualLanguage(getValues("nationality")) ? t("preferredLanguageDefault") : null;
  const described = ["preferredLanguage-hint", error && "preferredLanguage-error"].filter(Boolean).join(" ");
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}>
      <label htmlFor="preferredLanguage" className="block text-lg font-semibold">{t("preferredLanguage")}</label>
      <p id="preferredLanguage-hint" className="text-gray-700">{t("preferredLanguageHint")}{guessed && ` ${guessed}`}</p>
      {error && <p id="preferredLanguage-error" className="font-semibold text-red-800">{error}</p>}
      <select
        id="preferredLanguage"
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        className="mt-1 block min-h-11 w-full border-2 border-gray-900 bg-white px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400"
        {...register("preferredLanguage")}
      >
        <option value="">{t("chooseLanguage")}</option>
        {options.map(({ code, name }) => (
          <option key={code} value={code}>{name}</option>
        ))}
      </select>
    </div>
  );
}
