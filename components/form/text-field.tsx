"use client";
import { useTranslations } from "next-intl";
import { forwardRef, type InputHTMLAttributes } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
};

/** A labelled input with its hint and error, wired together for screen readers. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField(
  { id, label, hint, error, optional, className, ...input },
  ref,
) {
  const t = useTranslations("form");
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}>
      <label htmlFor={id} className="block text-lg font-semibold">
        {label}
        {optional && <span className="font-normal"> {t("optional")}</span>}
      </label>
      {hint && <p id={`${id}-hint`} className="text-gray-700">{hint}</p>}
      {error && <p id={`${id}-error`} className="font-semibold text-red-800">{error}</p>}
      <input
        ref={ref}
        id={id}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        className={`mt-1 block min-h-11 w-full rounded-none border-2 border-gray-900 px-2 text-lg focus-visible:outline-4 focus-visible:outline-yellow-400 ${className ?? ""}`}
        {...input}
      />
    </div>
  );
});
