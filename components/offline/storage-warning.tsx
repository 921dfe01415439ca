"use client";
import { useTranslations } from "next-intl";

/** Space is running out: said before a draft or a photo fails to save, not after. */
export function StorageWarning() {
  const t = useTranslations("offline");
  return (
    <div role="alert" className="border-b-4 border-red-700 bg-red-50 px-4 py-3 text-lg text-gray-950">
      <p className="mx-auto max-w-2xl">{t("storageLow")}</p>
    </div>
  );
}
