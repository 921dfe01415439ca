"use client";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/form/text-field";
import { DateOfBirthField } from "./date-of-birth-field";
import { TravelerForm } from "./traveler-form";
import type { FieldsProps } from "./traveler-screen-form";

/** The first screen: who the person is (names, date of birth, sex). */
export function NameScreen() {
  return <TravelerForm index={0} Fields={NameFields} />;
}

function NameFields({ form: { register }, message, isMain }: FieldsProps) {
  const t = useTranslations("traveler");
  return (
    <>
      <TextField id="givenNames" label={t("givenNames")} hint={t("givenNamesHint")} autoComplete={isMain ? "given-name" : "off"} spellCheck={false} autoCapitalize="off" error={message("givenNames")} {...register("givenNames")} />
      <TextField id="familyNames" label={t("familyNames")} hint={t("familyNamesHint")} autoComplete={isMain ? "family-name" : "off"} spellCheck={false} autoCapitalize="off" error={message("familyNames")} {...register("familyNames")} />
      <DateOfBirthField register={register} message={message} isMain={isMain} />
      <fieldset className={`mb-6 ${message("sex") ? "border-s-4 border-red-700 ps-3" : ""}`} aria-describedby={message("sex") ? "sex-error" : undefined}>
        <legend className="text-lg font-semibold">{t("sex")}</legend>
        {message("sex") && <p id="sex-error" className="font-semibold text-red-800">{message("sex")}</p>}
        {/* The label wraps the radio: the whole row, at least 44 px high, chooses it (WCAG 2.5.5). */}
        {(["F", "M", "X"] as const).map((value) => (
          <label key={value} htmlFor={`sex-${value}`} className="mt-1 flex min-h-11 cursor-pointer items-center gap-3 text-lg">
            <input id={`sex-${value}`} type="radio" value={value} className="h-8 w-8 shrink-0 accent-blue-800" {...register("sex")} />
            {t(`sexOptions.${value}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}
