"use client";
import { useTranslations } from "next-intl";

/** No list of ports could be had (none in the page, no answer): what went wrong, and a way to ask again. */
export function PortsFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useTranslations("port");
  return (
    <div role="alert" className="border-s-4 border-red-700 ps-3">
      <p className="mb-3 text-lg">{message}</p>
      <button type="button" className="button-secondary" onClick={onRetry}>{t("retry")}</button>
    </div>
  );
}
