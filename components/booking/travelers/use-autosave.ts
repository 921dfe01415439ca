"use client";
import { useEffect, useRef } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

// Long enough that a person typing a name causes one save, not one per key (each save encrypts
// the whole draft and writes it: on a slow phone that would stall typing), short enough that it
// is done before they can open the language menu.
const QUIET_MS = 700;

/**
 * Saves the form's values a moment after the person stops typing, at once when the focus leaves
 * a field (towards the language menu, say), and when the screen goes away (another language,
 * "Back", the tab hidden): what was typed survives all of them.
 */
export function useAutosave<T extends FieldValues>(form: UseFormReturn<T>, save: (values: T) => void) {
  const latestSave = useRef(save);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    latestSave.current = save;
  });

  useEffect(() => {
    const flush = () => {
      if (timer.current === undefined) return;
      clearTimeout(timer.current);
      timer.current = undefined;
      latestSave.current(form.getValues());
    };
    const onHidden = () => {
      if (document.visibilityState === "hidden") flush();
    };
    const subscription = form.watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, QUIET_MS);
    });
    window.addEventListener("pagehide", flush);
    document.addEventListener("focusout", flush);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("focusout", flush);
      document.removeEventListener("visibilitychange", onHidden);
      flush();
    };
  }, [form]);

  return {
    /** Drops a pending save: the caller saves these values itself. */
    cancel() {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
  };
}
