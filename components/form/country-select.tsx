"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { alpha3ToAlpha2, nationalityOnly } from "@/lib/shared/countries/iso3166";
import { regionName } from "@/lib/shared/i18n/display-names";
import { exactCountry, matchingCountries, type CountryOption } from "./country-match";

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
 * A country, typed or picked: an editable combobox with a list popup (WAI-ARIA APG). Typing a
 * country's exact name, in the page's language or any of Puerta's, or its ISO code, chooses it at
 * once, so "Honduras" then Continue works without touching the list; typing narrows the list, and
 * the arrow keys, Enter, Escape, a tap or a click choose from it. The focus never leaves the box.
 */
export function CountrySelect({ id, label, value, onChange, error, hint, optional, nationality }: Props) {
  const locale = useLocale();
  const t = useTranslations("form");
  const c = useTranslations("countrySelect");
  const options = useMemo(() => {
    const list: CountryOption[] = [...alpha3ToAlpha2].map(([code, alpha2]) => ({ code, name: regionName(locale, alpha2) }));
    if (nationality) for (const code of nationalityOnly) list.push({ code, name: t(`nationalityOnly.${code}`) });
    const collator = new Intl.Collator(locale);
    return list.sort((a, b) => collator.compare(a.name, b.name));
  }, [locale, nationality, t]);

  // What the person typed, and the choice it made. Shown while that is still the field's value;
  // once the form sets another (the country of birth following the nationality), the box shows it.
  const [edit, setEdit] = useState<{ text: string; value: string } | null>(null);
  const typed = edit && edit.value === value ? edit.text : null;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const chosen = options.find((option) => option.code === value);
  const shown = useMemo(() => (typed ? matchingCountries(typed, options) : options), [typed, options]);
  const activeOption = open ? shown[active] : undefined;
  const optionId = (code: string) => `${id}-option-${code}`;

  // The option moved to with the arrow keys stays in view inside the scrolling list.
  useEffect(() => {
    if (activeOption) document.getElementById(optionId(activeOption.code))?.scrollIntoView({ block: "nearest" });
    // optionId depends on id only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeOption]);

  const choose = (code: string) => {
    if (code !== value) onChange(code);
    setEdit(null);
    setOpen(false);
    setActive(-1);
  };

  const type = (text: string) => {
    setOpen(true);
    setActive(-1);
    // An exact name or code chooses; any other text leaves no country chosen, so the form asks
    // again instead of keeping a country the box no longer shows.
    const match = exactCountry(text, options) ?? "";
    setEdit({ text, value: match });
    if (match !== value) onChange(match);
  };

  const openAt = (index: number) => {
    setOpen(true);
    setActive(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = shown.length - 1;
    const current = chosen ? shown.indexOf(chosen) : -1;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (event.altKey) openAt(active);
        else if (!open) openAt(current >= 0 ? current : 0);
        else setActive(Math.min(active + 1, last));
        return;
      case "ArrowUp":
        event.preventDefault();
        if (!open) openAt(current >= 0 ? current : last);
        else setActive(Math.max(active - 1, 0));
        return;
      case "Enter":
        // With an option active, Enter chooses it; otherwise it sends the form, as in any field.
        if (activeOption) {
          event.preventDefault();
          choose(activeOption.code);
        } else setOpen(false);
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (typed || value) {
          event.preventDefault();
          type("");
          setOpen(false);
        }
        return;
    }
  };

  const described = [`${id}-instructions`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  const expanded = open && shown.length > 0;

  return (
    <div className={`mb-6 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}>
      <label id={`${id}-label`} htmlFor={id} className="block text-lg font-semibold">
        {label}
        {optional && <span className="font-normal"> {t("optional")}</span>}
      </label>
      {hint && <p id={`${id}-hint`} className="text-gray-700">{hint}</p>}
      <p id={`${id}-instructions`} className="text-gray-700">{c("instructions")}</p>
      {error && <p id={`${id}-error`} className="font-semibold text-red-800">{error}</p>}
      <div className="relative mt-1">
        <input
          ref={input}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          autoCapitalize="words"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          aria-activedescendant={activeOption ? optionId(activeOption.code) : undefined}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          value={typed ?? chosen?.name ?? ""}
          onChange={(event) => type(event.target.value)}
          onKeyDown={onKeyDown}
          onClick={() => setOpen(true)}
          onBlur={(event) => {
            // A tap on the list may move the focus to it for a moment: the choice closes it.
            if (list.current?.contains(event.relatedTarget)) return;
            setOpen(false);
            setActive(-1);
            // A country chosen by its code or another language's name now reads in this one.
            if (value) setEdit(null);
          }}
          className="block min-h-11 w-full border-2 border-gray-900 bg-white py-1 ps-2 pe-12 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400"
        />
        {/* Opens the whole list for those who would rather scroll than type; out of the Tab order (APG). */}
        <button
          type="button"
          tabIndex={-1}
          aria-label={c("showList", { field: label })}
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            input.current?.focus();
            if (open) setOpen(false);
            else openAt(chosen ? shown.indexOf(chosen) : -1);
          }}
          className="absolute inset-y-0 end-0 flex w-11 items-center justify-center text-xl"
        >
          <span aria-hidden="true">{open ? "▴" : "▾"}</span>
        </button>
        {/* Over the page, not in its flow: opening and closing it moves nothing, so a tap on
            Continue while it is open lands where the finger is. */}
        <ul
          ref={list}
          id={`${id}-list`}
          role="listbox"
          aria-labelledby={`${id}-label`}
          tabIndex={-1}
          hidden={!expanded}
          // Keeps the focus (and the phone's keyboard) in the box while a finger or pointer chooses.
          onMouseDown={(event) => event.preventDefault()}
          className="absolute inset-x-0 top-full z-10 mt-1 max-h-80 overflow-y-auto overscroll-contain border-2 border-gray-900 bg-white shadow-lg"
        >
          {expanded &&
            shown.map((option, index) => (
              <li
                key={option.code}
                id={optionId(option.code)}
                role="option"
                aria-selected={option.code === value}
                onClick={() => {
                  choose(option.code);
                  input.current?.focus();
                }}
                className={`flex min-h-11 cursor-pointer items-center gap-2 px-2 py-2 text-lg ${index === active ? "bg-blue-800 text-white outline-4 -outline-offset-4 outline-yellow-400" : ""}`}
              >
                {/* A mark as well as the colour, for people who cannot tell the colours apart. */}
                <span aria-hidden="true" className="w-5 shrink-0">{option.code === value ? "✓" : ""}</span>
                {option.name}
              </li>
            ))}
        </ul>
      </div>
      {/* Said by screen readers as the list narrows; nothing while the box shows a chosen country. */}
      <p role="status" className="sr-only">{open && typed ? c("results", { count: shown.length }) : ""}</p>
      {/* Kept while the text names nothing (not only while the list is open), so it never jumps away. */}
      {typed && shown.length === 0 && <p className="mt-2 text-lg">{c("noMatch")}</p>}
    </div>
  );
}
