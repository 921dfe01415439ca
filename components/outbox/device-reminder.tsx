"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { draftStatus } from "@/lib/scheduling/client/draft-store";
import { formatDay } from "@/lib/scheduling/client/format-slot";
import type { DraftAge } from "@/lib/scheduling/client/draft-expiry";
import { Link } from "@/lib/shared/i18n/navigation";
import { useOutbox } from "./use-outbox";

/**
 * On the start page: answers not sent yet (and when they will be erased) and applications waiting
 * for a connection, so that nobody loses them by not finding "My appointment".
 */
export function DeviceReminder() {
  const t = useTranslations("outbox");
  const locale = useLocale();
  const entries = useOutbox();
  const [draft, setDraft] = useState<DraftAge | null>(null);
  useEffect(() => {
    draftStatus().then(setDraft);
  }, []);

  const waiting = (entries ?? []).filter((e) => e.state !== "sent").length;
  if (!draft && waiting === 0) return null;
  const date = draft && formatDay(new Date(draft.expiresAt).toISOString(), locale, Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <section aria-labelledby="device-reminder" className="mb-6 border-s-8 border-yellow-600 bg-yellow-50 p-4 text-lg">
      <h2 id="device-reminder" className="mb-2 text-xl font-bold">{t("title")}</h2>
      {draft && (
        <p className="mb-2">
          {t("draftBody")} <span className={draft.warn ? "font-bold" : ""}>{t(draft.warn ? "expiresSoon" : "expiresOn", { date: date! })}</span>{" "}
          <Link href="/book/check" className="link">{t("continue")}</Link>
        </p>
      )}
      {waiting > 0 && (
        <p>
          {t("waitingCount", { count: waiting })} <Link href="/appointment" className="link">{t("myAppointments")}</Link>
        </p>
      )}
    </section>
  );
}
