"use client";
import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect } from "react";
import { deliverOutbox } from "@/lib/offline/client/deliver";
import { Link, useRouter } from "@/lib/shared/i18n/navigation";
import { EntryStatus } from "./entry-status";
import { fixLabel, useFix } from "./use-fix";
import { useOutbox } from "./use-outbox";

/**
 * After "Send" with no connection: the application is sealed on the phone and goes by itself.
 * This page follows it live and turns into the confirmation the moment the server answers.
 */
export function QueuedApplication() {
  // Only the part that reads `?id=` waits for the browser; the page around it is in the HTML.
  return (
    <Suspense>
      <QueuedEntry />
    </Suspense>
  );
}

function QueuedEntry() {
  const t = useTranslations("outbox");
  const router = useRouter();
  const id = useSearchParams().get("id");
  const entries = useOutbox();
  const { fix, problem } = useFix();
  const entry = entries?.find((e) => e.id === id);

  useEffect(() => {
    if (entry?.state === "sent" && entry.code) router.replace(`/book/done?code=${encodeURIComponent(entry.code)}`);
  }, [entry, router]);

  if (!entries) return null;
  if (!entry) return <p className="text-lg">{t("notFound")} <Link href="/appointment" className="link">{t("myAppointments")}</Link></p>;

  return (
    <>
      <div role="status" className={`mb-6 border-4 p-4 ${entry.state === "needs_attention" ? "border-red-700" : "border-blue-800 bg-blue-50"}`}>
        <EntryStatus entry={entry} />
      </div>
      {problem && <p role="alert" className="mb-4 border-4 border-red-700 p-4 text-lg">{t(`restore.${problem}`)}</p>}
      {entry.state === "needs_attention" ? (
        <button type="button" className="button-primary" onClick={() => fix(entry.id)}>{t(fixLabel(entry))}</button>
      ) : (
        <>
          <p className="mb-4 text-lg">{t("sealed")}</p>
          {entry.state === "waiting" && (
            <button type="button" className="button-secondary" onClick={() => void deliverOutbox({ force: true })}>{t("sendNow")}</button>
          )}
        </>
      )}
      <p className="mt-6 text-lg"><Link href="/appointment" className="link">{t("myAppointments")}</Link></p>
    </>
  );
}
