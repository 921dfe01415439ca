/** The languages Puerta speaks. Adding one: a catalog in `messages/` plus one entry here. */
export const locales = ["en", "es", "ht", "pt", "fr", "ru", "ar"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

const rightToLeft: ReadonlySet<Locale> = new Set(["ar"]);

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

/**
 * A route's `[locale]` segment as a Locale. The layout has already answered 404 for any other
 * value; metadata, which Next.js may ask for first, falls back to English.
 */
export function routeLocale(segment: string): Locale {
  return isLocale(segment) ? segment : defaultLocale;
}

export function textDirection(locale: Locale): "ltr" | "rtl" {
  return rightToLeft.has(locale) ? "rtl" : "ltr";
}

/**
 * Picks the best supported language from an `Accept-Language` header by quality, matching on the
 * primary subtag (`pt-BR` → `pt`, `ht-HT` → `ht`), falling back to English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .slice(0, 512)
    .split(",")
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.trim().toLowerCase().split("-")[0], quality, order };
    })
    .filter((entry) => Number.isFinite(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranked.map((entry) => entry.primary).find(isLocale) ?? defaultLocale;
}
