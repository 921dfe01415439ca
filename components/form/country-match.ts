import { alpha3ToAlpha2 } from "@/lib/shared/countries/iso3166";
import { regionName } from "@/lib/shared/i18n/display-names";
import { locales } from "@/lib/shared/i18n/locales";

/** One choice of the country list: its ISO alpha-3 code and its name in the page's language. */
export type CountryOption = { code: string; name: string };

/**
 * A name as people type it: no accents or harakat, any case, any apostrophe or dash, and the
 * Arabic letters typed interchangeably on phones (ة/ه, ى/ي). "Côte d’Ivoire" = "cote d'ivoire".
 */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .replace(/[\s\-‐–—.,]+/g, " ")
    .trim();
}

const alpha2ToAlpha3 = new Map([...alpha3ToAlpha2].map(([alpha3, alpha2]) => [alpha2, alpha3]));

// Every country's names in all of Puerta's languages, normalized: built on the first search only
// (7 × 250 names), since most people find their country in the page's language.
let everyName: Map<string, string[]> | null = null;

function namesInEveryLanguage(): Map<string, string[]> {
  if (!everyName) {
    everyName = new Map();
    for (const [alpha3, alpha2] of alpha3ToAlpha2) {
      const names = locales.map((locale) => regionName(locale, alpha2)).filter((name) => name !== alpha2);
      everyName.set(alpha3, [...new Set(names.map(normalizeName))]);
    }
  }
  return everyName;
}

/**
 * The option a person's text names exactly, or undefined: a name in the page's language first,
 * then an ISO alpha-3 or alpha-2 code ("HND", "hn"), then a name in any of Puerta's languages
 * ("Haïti" on the Spanish page). Only codes of `options` count (nationality's extras included).
 */
export function exactCountry(text: string, options: readonly CountryOption[]): string | undefined {
  const needle = normalizeName(text);
  if (!needle) return undefined;
  const offered = new Set(options.map((option) => option.code));
  const inPage = options.find((option) => normalizeName(option.name) === needle);
  if (inPage) return inPage.code;
  const upper = needle.toUpperCase();
  const byCode = offered.has(upper) ? upper : alpha2ToAlpha3.get(upper);
  if (byCode && offered.has(byCode)) return byCode;
  for (const [code, names] of namesInEveryLanguage()) if (offered.has(code) && names.includes(needle)) return code;
  return undefined;
}

/**
 * The options whose name (in any of Puerta's languages) contains the text, or whose code is it;
 * names that begin with it first, each group in the list's order (the page language's).
 */
export function matchingCountries(text: string, options: readonly CountryOption[]): CountryOption[] {
  const needle = normalizeName(text);
  if (!needle) return [...options];
  const upper = needle.toUpperCase();
  const others = namesInEveryLanguage();
  const starts: CountryOption[] = [];
  const contains: CountryOption[] = [];
  for (const option of options) {
    const name = normalizeName(option.name);
    if (name.startsWith(needle) || option.code === upper || alpha3ToAlpha2.get(option.code) === upper) starts.push(option);
    else if (name.includes(needle) || others.get(option.code)?.some((other) => other.includes(needle))) contains.push(option);
  }
  return [...starts, ...contains];
}
