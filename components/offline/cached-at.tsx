"use client";
import { useLocale, useTranslations } from "next-intl";

/**
 * "Saved information from 26 Nov, 09:14": shown above what came from the device's stored copy
 * instead of the server, in the phone's own time (when the person last saw it), not the port's.
 */
export function CachedAt({ at }: { at?: string }) {
  const t = useTranslations("offline");
  const locale = useLocale();
  if (!at) return null;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
  return <p className="mb-4 border-s-4 border-yellow-500 ps-3 text-lg">{t("asOf", { time })}</p>;
}
