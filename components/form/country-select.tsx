"use client";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { alpha3ToAlpha2, nationalityOnly } from "@/lib/shared/countries/iso3166";

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  hint?: string;
  optional?: boolean;
  /** Nationality also offers "stateless", "refugee" and "unknown". */
  nationality?: boolean;
};

/**
 * Countries named by the browser in the person's language (Intl.DisplayNames), sorted the way
 * that language sorts, with a search box that narrows the list as they type.
 */
export function CountrySelect({ id, label, value, onChange, error, hint, optional, nationality }: Props) {
  const locale = useLocale();
  const t = useTranslations("form");
  const [query, setQuery] = useState("");
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    const list = [...alpha3ToAlpha2].map(([code, alpha2]) => ({ code, name: names.of(alpha2) ?? code }));
    if (nationality) for (const code of nationalityOnly) list.push({ code, name: t(`nationalityOnly.${code}`) });
    const collator = new Intl.Collator(locale);
    return list.sort((a, b) => collator.compare(a.name, b.name));
  }, [locale, nationality, t]);
  const needle = normalize(query);
  const shown = options.filter((o) => !needle || normalize(o.name).includes(needle) || o.code === value);
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

  return (
    <div className={`mb-6 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}>
      <label id={`${id}-label`} htmlFor={id} className="block text-lg font-semibold">
        {label}
        {optional && <span className="font-normal"> {t("optional")}</span>}
      </label>
      {hint && <p id={`${id}-hint`} className="text-gray-700">{hint}</p>}
      {error && <p id={`${id}-error`} className="font-semibold text-red-800">{error}</p>}
      <label id={`${id}-search-label`} htmlFor={`${id}-search`} className="mt-1 block text-base">{t("searchCountry")}</label>
      {/* Named with its field ("Nationality, Type to search the list"): a form has several of these boxes. */}
      <input
        id={`${id}-search`}
        type="search"
        aria-labelledby={`${id}-label ${id}-search-label`}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        className="block min-h-11 w-full border-2 border-gray-700 px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400"
      />
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        className="mt-2 block min-h-11 w-full border-2 border-gray-900 bg-white px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400"
      >
        <option value="">{t("chooseCountry")}</option>
        {shown.map((o) => (
          <option key={o.code} value={o.code}>{o.name}</option>
        ))}
      </select>
    </div>
  );
}

function normalize(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
}
