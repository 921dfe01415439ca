import "server-only";
import { negotiateLocale, type Locale } from "@/lib/shared/i18n/locales";

/** The language the client asked for (`Accept-Language`), among those Puerta speaks. */
export function requestLocale(request: Request): Locale {
  return negotiateLocale(request.headers.get("accept-language"));
}
