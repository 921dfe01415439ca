"use client";
import { useTranslations } from "next-intl";
import { useOnline } from "./use-online";

/**
 * "You are offline, keep going". The live region is always in the page (empty while online), so a
 * screen reader announces the sentence when the connection drops, politely, without stealing focus.
 */
export function OfflineBanner() {
  const t = useTranslations("offline");
  const online = useOnline();
  return (
    <div role="status" className={online ? "" : "border-b-4 border-yellow-500 bg-yellow-100 px-4 py-3 text-lg text-gray-950"}>
      {!online && <p className="mx-auto max-w-2xl">{t("banner")}</p>}
    </div>
  );
}
