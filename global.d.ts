// next-intl's types learn Puerta's languages and its English catalog, so `t("no.such.key")`, a
// wrong namespace or a missing ICU argument fails the type check instead of rendering a key.
// English is the source: scripts/i18n-check.ts holds every other catalog to its keys.
import type en from "./messages/en.json";
import type { Locale } from "./lib/shared/i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
