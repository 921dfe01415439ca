import "server-only";
import { createTranslator, type MessageKeys, type NestedKeyOf } from "use-intl/core";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import fr from "@/messages/fr.json";
import ht from "@/messages/ht.json";
import pt from "@/messages/pt.json";
import ru from "@/messages/ru.json";
import type { Locale } from "@/lib/shared/i18n/locales";

export type Messages = typeof en;

/** Every catalog, for code that translates outside a React render (API errors, documents). */
export const catalogs: Record<Locale, Messages> = { en, es, ht, pt, fr, ru, ar };

type Values = Record<string, string | number>;
/** A message under `errors`, checked against the English catalog: `codes.slot_full`. */
type ErrorMessageKey = MessageKeys<Messages["errors"], NestedKeyOf<Messages["errors"]>>;

/**
 * A translator for one namespace that never throws: a message missing from a catalog falls back
 * to English, so a translation gap can never turn an error response into a crash.
 */
export function translatorFor(locale: Locale, namespace: "errors") {
  const primary = createTranslator({ locale, messages: catalogs[locale], namespace });
  const fallback = createTranslator({ locale: "en", messages: en, namespace });
  return (key: ErrorMessageKey, values?: Values): string =>
    primary.has(key) ? primary(key, values) : fallback.has(key) ? fallback(key, values) : key;
}
