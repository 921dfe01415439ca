"use client";
import { useTranslations } from "next-intl";
import { Controller, useWatch } from "react-hook-form";
import { CountrySelect } from "@/components/form/country-select";
import { TextField } from "@/components/form/text-field";
import { isCountryCode } from "@/lib/shared/countries/iso3166";
import type { TravelerDraft } from "@/lib/scheduling/client/draft";
import { TravelerForm } from "./traveler-form";
import type { FieldsProps } from "./traveler-screen-form";

/**
 * The identity document, optional: "No document" is chosen until the person picks a type, so
 * skipping the screen is one tap on "Continue". The issuing country starts as the nationality's.
 */
export function DocumentScreen() {
  return <TravelerForm index={2} Fields={DocumentFields} defaults={documentDefaults} />;
}

function documentDefaults(t: TravelerDraft): Partial<TravelerDraft> {
  return { documentCountry: t.documentCountry || (isCountryCode(t.nationality) ? t.nationality : "") };
}

const TYPES = ["passport", "national_id", "travel_document", "other"] as const;

function DocumentFields({ form: { register, control }, message }: FieldsProps) {
  const t = useTranslations("traveler");
  const type = useWatch({ control, name: "documentType" });
  const typeError = message("documentType");
  return (
    <>
      <p className="mb-2 text-lg">{t("documentHint")}</p>
      <p className="mb-6 text-lg">{t("documentNone")}</p>
      <div className={`mb-6 ${typeError ? "border-s-4 border-red-700 ps-3" : ""}`}>
        <label htmlFor="documentType" className="block text-lg font-semibold">{t("documentType")}</label>
        {typeError && <p id="documentType-error" className="font-semibold text-red-800">{typeError}</p>}
        <select
          id="documentType"
          aria-describedby={typeError ? "documentType-error" : undefined}
          aria-invalid={typeError ? true : undefined}
          className="mt-1 block min-h-11 w-full border-2 border-gray-900 bg-white px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400"
          {...register("documentType")}
        >
          <option value="">{t("documentTypes.none")}</option>
          {TYPES.map((value) => (
            <option key={value} value={value}>{t(`documentTypes.${value}`)}</option>
          ))}
        </select>
      </div>
      {/* Its number and country are asked only once there is a document. */}
      {(type || message("documentNumber")) && (
        <>
          <TextField id="documentNumber" label={t("documentNumber")} autoComplete="off" spellCheck={false} error={message("documentNumber")} {...register("documentNumber")} />
          <Controller control={control} name="documentCountry" render={({ field }) => (
            <CountrySelect id="documentCountry" label={t("documentCountry")} value={field.value} onChange={field.onChange} error={message("documentCountry")} />
          )} />
        </>
      )}
    </>
  );
}
