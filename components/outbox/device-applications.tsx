"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { draftStatus } from "@/lib/scheduling/client/draft-store";
import { formatDay } from "@/lib/scheduling/client/format-slot";
import { deliverOutbox } from "@/lib/offline/client/deliver";
import type { DraftAge } from "@/lib/scheduling/client/draft-expiry";
import { Link } from "@/lib/shared/i18n/navigation";
import { EntryStatus } from "./entry-status";
import { fixLabel, useFix } from "./use-fix";
import { useOutbox } from "./use-outbox";

/**
 * "My appointment" also lists what has not become an appointment yet: the draft being filled in
 * (with when it expires) and every application in the outbox with its state — waiting for a
 * connection, sending, sent, or needing the person — and the way to erase it all.
 */
export function DeviceApplications() {
  const t = useTranslations("outbox");
  const locale = useLocale();
  const entries = useOutbox();
  const [draft, setDraft] = useState<DraftAge | null>(null);
  const { fix, problem } = useFix();

  useEffect(() => {
    draftStatus().then(setDraft);
  }, [entries]);

  const pending = (entries ?? []).filter((e) => e.state !== "sent");

  return (
    <>
      {(draft || pending.length > 0) && (
        <section aria-labelledby="device-applications" className="mb-8">
          <h2 id="device-applications" className="mb-4 text-2xl font-bold">{t("title")}</h2>
          {problem && <p role="alert" className="mb-4 border-4 border-red-700 p-4 text-lg">{t(`restore.${problem}`)}</p>}
          <ul className="space-y-4">
            {draft && (
              <li className="border-2 border-gray-400 p-4">
                <p className="text-lg font-bold">{t("state.draft")}</p>
                <p className="text-lg">{t("draftBody")}</p>
                <p className={`mt-2 text-lg ${draft.warn ? "font-bold text-red-800" : ""}`}>
                  {t(draft.warn ? "expiresSoon" : "expiresOn", { date: formatDay(new Date(draft.expiresAt).toISOString(), locale, Intl.DateTimeFormat().resolvedOptions().timeZone) })}
                </p>
                <Link href="/book/check" className="button-secondary mt-3">{t("continue")}</Link>
              </li>
            )}
            {pending.map((entry) => (
              <li key={entry.id} className={`border-2 p-4 ${entry.state === "needs_attention" ? "border-red-700" : "border-gray-400"}`}>
                <EntryStatus entry={entry} />
                {entry.state === "needs_attention" && (
                  <button type="button" className="button-primary mt-3" onClick={() => fix(entry.id)}>{t(fixLabel(entry))}</button>
                )}
              </li>
            ))}
          </ul>
          {pending.some((e) => e.state === "waiting") && (
            <button type="button" className="button-secondary mt-4" onClick={() => void deliverOutbox({ force: true })}>{t("sendNow")}</button>
          )}
        </section>
      )}
    </>
  );
}
