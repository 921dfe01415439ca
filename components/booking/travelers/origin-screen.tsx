"use client";
import { useTranslations } from "next-intl";
import { Controller } from "react-hook-form";
import { CountrySelect } from "@/components/form/country-select";
import { isCountryCode } from "@/lib/shared/countries/iso3166";
import { TravelerForm } from "./traveler-form";
import type { FieldsProps } from "./traveler-screen-form";

/** Where the person is from: nationality, and the country of birth (most often the same). */
export function OriginScreen() {
  return <TravelerForm index={1} Fields={OriginFields} />;
}

function OriginFields({ form: { control, getValues, setValue }, message }: FieldsProps) {
  const t = useTranslations("traveler");
  // Most people were born in the country of their nationality: choosing it answers both, and
  // the country of birth stays open to change. One chosen by hand is never overwritten.
  const chooseNationality = (code: string, onChange: (code: string) => void) => {
    const before = getValues("nationality");
    onChange(code);
    const birth = getValues("countryOfBirth");
    if (birth === "" || birth === before) setValue("countryOfBirth", isCountryCode(code) ? code : "", { shouldDirty: true });
  };
  return (
    <>
      <Controller control={control} name="nationality" render={({ field }) => (
        <CountrySelect id="nationality" nationality label={t("nationality")} value={field.value} onChange={(code) => chooseNationality(code, field.onChange)} error={message("nationality")} />
      )} />
      <Controller control={control} name="countryOfBirth" render={({ field }) => (
        <CountrySelect id="countryOfBirth" label={t("countryOfBirth")} hint={t("countryOfBirthHint")} value={field.value} onChange={field.onChange} error={message("countryOfBirth")} />
      )} />
    </>
  );
}
