"use client";
import { useLocale, useTranslations } from "next-intl";
import { formatLocalMoment } from "@/lib/scheduling/client/format-slot";

/**
 * "Saved information from 26 Nov, 09:14": shown above what came from the device's stored copy
 * instead of the server, in the phone's own time (when the person last saw it), not the port's.
 * Formatted by format-slot like every date, so a language the browser lacks (Creole) is not
 * written in English.
 */
export function CachedAt({ at }: { at?: string }) {
  const t = useTranslations("offline");
  const locale = useLocale();
  if (!at) return null;
  return <p className="mb-4 border-s-4 border-yellow-500 ps-3 text-lg">{t("asOf", { time: formatLocalMoment(at, locale) })}</p>;
}
