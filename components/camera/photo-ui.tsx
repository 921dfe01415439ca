"use client";
import type { ReactNode } from "react";

const PHOTO_TYPES = "image/jpeg,image/png,image/webp";

// The file input is visually hidden but keeps the focus, so its label draws the focus ring
// (the same yellow ring as .button-primary/.button-secondary in app/globals.css).
const FOCUS_WITHIN =
  "has-[:focus-visible]:bg-yellow-300 has-[:focus-visible]:text-black has-[:focus-visible]:outline-4 has-[:focus-visible]:outline-yellow-400";

/**
 * A file input that looks like a button. Without `capture` the phone offers both its gallery and
 * its camera; with capture="user" it opens the phone's own camera app directly, which still works
 * when this page's camera access is blocked or broken.
 */
export function FileChoice({
  label,
  onFile,
  capture = false,
  primary = false,
}: {
  label: string;
  onFile: (file: File) => void;
  capture?: boolean;
  primary?: boolean;
}) {
  return (
    <label className={`${primary ? "button-primary" : "button-secondary"} min-w-11 cursor-pointer text-center ${FOCUS_WITHIN}`}>
      <input
        type="file"
        accept={PHOTO_TYPES}
        capture={capture ? "user" : undefined}
        className="sr-only"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so that choosing the same file again still counts as a change.
          event.currentTarget.value = "";
          if (file) onFile(file);
        }}
      />
      {label}
    </label>
  );
}

/** A check mark or an exclamation mark: the message never depends on colour alone. */
function StatusIcon({ ok }: { ok: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-0.5 size-6 shrink-0" fill="none" stroke="currentColor" strokeWidth="3">
      {ok ? (
        <path d="M4 12.5l5 5L20 6.5" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <>
          <circle cx="12" cy="12" r="10" strokeWidth="2.5" />
          <path d="M12 6.5v7M12 17v.5" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

/** One sentence of guidance, with its icon; `ok` for the all-good message. */
export function Guidance({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <span className={`flex items-start gap-2 text-start text-lg ${ok ? "text-green-900" : "text-gray-950"}`}>
      <StatusIcon ok={ok} />
      <span>{children}</span>
    </span>
  );
}
