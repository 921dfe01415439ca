"use client";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { formatSlotRange } from "@/lib/scheduling/client/format-slot";

type Slot = { start: string; end: string };

/**
 * The port moved an appointment (a capacity change) since this phone last looked: the new time
 * first, the old one named as no longer valid, so nobody goes at the time they remember.
 */
export function MovedNotice({ from, to, timeZone, headingLevel = 2 }: { from: Slot; to: Slot; timeZone: string; headingLevel?: 2 | 3 }) {
  const t = useTranslations("appointmentState.moved");
  const locale = useLocale();
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section role="status" aria-labelledby={id} className="mb-6 border-4 border-yellow-600 bg-yellow-50 p-4">
      <Heading id={id} className="mb-2 text-2xl font-bold">{t("title")}</Heading>
      <p className="mb-2 text-lg font-bold">{t("newTime", { when: formatSlotRange(to, timeZone, locale) })}</p>
      <p className="text-lg">{t("oldTime", { when: formatSlotRange(from, timeZone, locale) })}</p>
    </section>
  );
}
