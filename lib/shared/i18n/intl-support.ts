/**
 * Whether the browser's Intl really speaks a language. Asked, not assumed: Chromium has no Haitian
 * Creole, and `new Intl.DateTimeFormat("ht")` quietly answers in the default language (English)
 * instead of failing, so formatting without asking falls back to another language silently.
 */
type IntlApi = "DateTimeFormat" | "DisplayNames";

const known = new Map<string, boolean>();

export function intlSpeaks(locale: string, api: IntlApi): boolean {
  const key = `${api}|${locale}`;
  let answer = known.get(key);
  if (answer === undefined) {
    const constructor = (Intl as Partial<Record<IntlApi, { supportedLocalesOf(locales: string[], options: object): string[] }>>)[api];
    try {
      // "lookup": only the language itself or a parent of it counts, never a "best fit" guess.
      answer = !!constructor && constructor.supportedLocalesOf([locale], { localeMatcher: "lookup" }).length > 0;
    } catch {
      answer = false;
    }
    known.set(key, answer);
  }
  return answer;
}

/**
 * Languages whose names and calendar Puerta ships and always uses, even where Intl claims to know
 * them: CLDR's "ht" is French data under a Creole tag.
 */
export const shippedLocales: ReadonlySet<string> = new Set(["ht"]);

export const primaryLanguage = (locale: string): string => locale.split("-")[0].toLowerCase();
