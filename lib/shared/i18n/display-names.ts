import { alpha3ToAlpha2 } from "@/lib/shared/countries/iso3166";
import { htLanguages, htRegions } from "./locale-data/ht-names";
import { intlSpeaks, primaryLanguage, shippedLocales } from "./intl-support";

/**
 * Names of countries and languages in the page's language. Every caller goes through here, never
 * `Intl.DisplayNames` itself, so a language the browser has no data for (Haitian Creole) gets the
 * names Puerta ships instead of another language's. A language neither Intl nor Puerta knows gets
 * the code (a country) or nothing (a language): never another language's word.
 */

type Names = { region: ReadonlyMap<string, string>; language: ReadonlyMap<string, string> };

let creole: Names | undefined;
function shipped(locale: string): Names | undefined {
  if (!shippedLocales.has(primaryLanguage(locale))) return undefined;
  return (creole ??= {
    region: new Map(htRegions.split("|").map((pair) => pair.split(":") as [string, string])),
    language: new Map(Object.entries(htLanguages)),
  });
}

const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(locale: string, type: "region" | "language"): Intl.DisplayNames | null {
  const key = `${locale}|${type}`;
  let names = cache.get(key);
  if (names === undefined) {
    names = intlSpeaks(locale, "DisplayNames") ? new Intl.DisplayNames([locale], { type, fallback: "none" }) : null;
    cache.set(key, names);
  }
  return names;
}

/** A country's name from its ISO 3166-1 alpha-2 code, or the code itself when no name is known. */
export function regionName(locale: string, alpha2: string): string {
  const own = shipped(locale);
  if (own) return own.region.get(alpha2.toUpperCase()) ?? alpha2;
  return displayNames(locale, "region")?.of(alpha2) ?? alpha2;
}

/** A language's name from its BCP 47 code, or undefined when no name is known in `locale`. */
export function languageName(locale: string, code: string): string | undefined {
  const own = shipped(locale);
  if (own) return own.language.get(primaryLanguage(code));
  return displayNames(locale, "language")?.of(code);
}

/**
 * A country's name from its ISO 3166-1 alpha-3 code (what the API and documents use), or
 * undefined for ICAO's codes without a country (XXA stateless, XXB refugee…), which `messages/`
 * names, and for codes not in the table.
 */
export function countryName(locale: string, alpha3: string): string | undefined {
  const alpha2 = alpha3ToAlpha2.get(alpha3);
  return alpha2 ? regionName(locale, alpha2) : undefined;
}
