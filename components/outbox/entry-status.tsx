"use client";
import { useLocale, useTranslations } from "next-intl";
import { formatSlotRange } from "@/lib/scheduling/client/format-slot";
import type { OutboxEntry } from "@/lib/offline/client/outbox";

/** One application's state in words: where it is, what happens next, what (if anything) to do. */
export function EntryStatus({ entry }: { entry: OutboxEntry }) {
  const t = useTranslations("outbox");
  const tCode = useTranslations("errors.codes");
  const locale = useLocale();
  const { summary } = entry;
  const when = summary.draw ? t("drawRequest") : summary.slot ? formatSlotRange(summary.slot, summary.timeZone, locale) : "";
  return (
    <>
      <p className="text-lg font-bold">{t(`state.${entry.state}`)}</p>
      <p className="text-lg">{t("summary", { port: summary.portName, count: summary.travelerCount })}</p>
      {when && <p className="text-lg">{when}</p>}
      {entry.state === "waiting" && <p className="mt-2 text-lg">{t("waitingBody")}</p>}
      {entry.state === "needs_attention" && entry.failure && (
        <p className="mt-2 text-lg">{t("attentionBody", { reason: tCode(entry.failure.code as "internal_error") })}</p>
      )}
    </>
  );
}
