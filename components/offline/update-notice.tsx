"use client";
import { useTranslations } from "next-intl";

/** A new version is waiting: it takes over when the person presses Update, or at the next step. */
export function UpdateNotice({ onUpdate }: { onUpdate: () => void }) {
  const t = useTranslations("offline");
  return (
    <div className="border-b-4 border-blue-800 bg-blue-50 px-4 py-3">
      <div className="mx-auto flex max-w-2xl flex-wrap items-center gap-3">
        <p role="status" className="text-lg">{t("updateReady")}</p>
        <button type="button" className="button-secondary" onClick={onUpdate}>{t("updateNow")}</button>
      </div>
    </div>
  );
}
