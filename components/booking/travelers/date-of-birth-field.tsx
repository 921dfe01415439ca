"use client";
import { useTranslations } from "next-intl";
import type { UseFormRegister } from "react-hook-form";
import type { TravelerDraft } from "@/lib/scheduling/client/draft";

const PARTS = [
  { name: "day", width: "w-16", autoComplete: "bday-day" },
  { name: "month", width: "w-16", autoComplete: "bday-month" },
  { name: "year", width: "w-24", autoComplete: "bday-year" },
] as const;

/**
 * Date of birth as three fields (GOV.UK's pattern): no calendar widget, any order of typing, the
 * digits of any keyboard (an Arabic phone types ١٩٩٠). One message for the date; each box it
 * concerns is marked, so "write the year with 4 digits" points at the year.
 */
export function DateOfBirthField({ register, message, isMain }: { register: UseFormRegister<TravelerDraft>; message: (field: string) => string | undefined; isMain: boolean }) {
  const t = useTranslations("traveler");
  const error = PARTS.map(({ name }) => message(`dateOfBirth.${name}`)).find(Boolean);
  return (
    <fieldset className={`mb-6 ${error ? "border-s-4 border-red-700 ps-3" : ""}`} aria-describedby={`dob-hint${error ? " dob-error" : ""}`}>
      <legend className="text-lg font-semibold">{t("dateOfBirth")}</legend>
      <p id="dob-hint" className="text-gray-700">{t("dateOfBirthHint")}</p>
      {error && <p id="dob-error" className="font-semibold text-red-800">{error}</p>}
      <div className="mt-1 flex flex-wrap gap-4">
        {PARTS.map(({ name, width, autoComplete }) => (
          <div key={name}>
            <label htmlFor={`dateOfBirth-${name}`} className="block text-base">{t(`dob.${name}`)}</label>
            <input
              id={`dateOfBirth-${name}`}
              inputMode="numeric"
              autoComplete={isMain ? autoComplete : "off"}
              aria-invalid={message(`dateOfBirth.${name}`) ? true : undefined}
              className={`${width} block min-h-11 border-2 px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400 ${message(`dateOfBirth.${name}`) ? "border-red-700 border-4" : "border-gray-900"}`}
              {...register(`dateOfBirth.${name}`)}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
