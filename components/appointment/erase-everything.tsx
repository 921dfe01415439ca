"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { eraseEverything } from "@/lib/offline/client/erase";

/** A shared or borrowed phone must be left with nothing of the person on it: one button, confirmed. */
export function EraseEverything() {
  const t = useTranslations("outbox.erase");
  const [mode, setMode] = useState<"idle" | "asking" | "erasing" | "done">("idle");
  const question = useRef<HTMLParagraphElement>(null);

  const ask = () => {
    setMode("asking");
    requestAnimationFrame(() => question.current?.focus());
  };
  const erase = async () => {
    setMode("erasing");
    await eraseEverything();
    setMode("done");
    // Every screen that read the old data starts again from nothing.
    window.location.reload();
  };

  return (
    <section aria-labelledby="erase-title" className="mt-12 border-t-2 border-gray-300 pt-6">
      <h2 id="erase-title" className="mb-2 text-2xl font-bold">{t("title")}</h2>
      <p className="mb-4 text-lg">{t("body")}</p>
      {mode === "idle" && <button type="button" className="button-secondary" onClick={ask}>{t("erase")}</button>}
      {(mode === "asking" || mode === "erasing") && (
        <div className="border-4 border-red-700 p-4">
          <p ref={question} tabIndex={-1} className="mb-4 text-lg font-bold">{t("question")}</p>
          <div className="flex flex-wrap gap-4">
            <button type="button" className="button-warning" disabled={mode === "erasing"} onClick={erase}>{t("yes")}</button>
            <button type="button" className="button-secondary" disabled={mode === "erasing"} onClick={() => setMode("idle")}>{t("no")}</button>
          </div>
        </div>
      )}
      <p role="status" className="mt-3 text-lg">{mode === "done" ? t("done") : ""}</p>
    </section>
  );
}
