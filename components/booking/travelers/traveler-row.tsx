"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "@/lib/shared/i18n/navigation";

/**
 * One traveler in the list, with "Change" and "Remove". Removing asks first, in the page (a
 * question that takes the focus, then "Yes, remove" or "No, keep"): a person erased by a slipped
 * thumb would lose every answer and their photo.
 */
export function TravelerRow({ name, isMain, unfinished, href, onRemove }: { name: string; isMain: boolean; unfinished: string | null; href: string; onRemove: () => void }) {
  const t = useTranslations("travelers");
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) question.current?.focus();
    // "No, keep": the focus returns to the button that asked.
    else if (wasAsking.current) removeButton.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-lg font-semibold">
          {name}
          {isMain && <span className="block text-base font-normal">{t("mainApplicant")}</span>}
          {unfinished && <span className="block text-base font-normal text-red-800">{t("unfinished")}</span>}
        </span>
        {!asking && (
          <span className="flex gap-4">
            <Link href={unfinished ?? href} className="link inline-flex min-h-11 min-w-11 items-center justify-center text-lg">
              {t("change")}<span className="sr-only"> {name}</span>
            </Link>
            <button ref={removeButton} type="button" onClick={() => setAsking(true)} className="link inline-flex min-h-11 min-w-11 items-center justify-center text-lg">
              {t("remove")}<span className="sr-only"> {name}</span>
            </button>
          </span>
        )}
      </div>
      {asking && (
        <div role="group" aria-labelledby={questionId} className="mt-2 border-s-4 border-red-700 bg-red-50 p-3">
          <p ref={question} id={questionId} tabIndex={-1} className="text-lg font-semibold focus-visible:outline-4 focus-visible:outline-yellow-400">
            {t("removeQuestion", { name })}
          </p>
          <div className="mt-3 flex flex-wrap gap-4">
            <button type="button" onClick={onRemove} className="button-warning">{t("removeConfirm")}</button>
            <button type="button" onClick={() => setAsking(false)} className="button-secondary">{t("removeCancel")}</button>
          </div>
        </div>
      )}
    </li>
  );
}
