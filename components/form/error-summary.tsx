"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Link } from "@/lib/shared/i18n/navigation";

/** A problem linked to its field on this page (`fieldId`) or to the page that fixes it (`href`). */
export type FieldError = { fieldId: string; message: string; href?: string };

/**
 * GOV.UK's error summary: at the top of the form, takes focus when it appears so screen readers
 * announce it, and links to each field with a problem. It takes the focus only when it appears,
 * never while the person fixes fields and the list changes under them: a form that wants it to take
 * the focus again on the next "Continue" gives it a new `key` per attempt.
 */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const t = useTranslations("form");
  const box = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;

  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown]);

  if (errors.length === 0) return null;
  return (
    <div ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="mb-6 border-4 border-red-700 p-4 focus-visible:outline-4 focus-visible:outline-yellow-400">
      <h2 id="error-summary-title" className="text-xl font-bold">{t("errorSummaryTitle")}</h2>
      <ul className="mt-2 list-none space-y-1">
        {errors.map((error) => (
          <li key={`${error.fieldId}-${error.message}`}>
            {error.href ? (
              <Link href={error.href} className={LINK}>{error.message}</Link>
            ) : (
              <a href={`#${error.fieldId}`} className={LINK} onClick={(event) => focusField(event, error.fieldId)}>
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

// Each problem is a target of its own, at least 44 px high (WCAG 2.5.5), even for short messages.
const LINK =
  "inline-flex min-h-11 items-center py-1 text-lg font-semibold text-red-800 underline underline-offset-2 focus-visible:bg-yellow-300 focus-visible:text-black focus-visible:outline-4 focus-visible:outline-yellow-400";

function focusField(event: React.MouseEvent, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: "center" });
}
