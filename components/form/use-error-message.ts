"use client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";

/**
 * The sentence for a failed API call: `network` is the caller's own offline wording (it differs
 * by screen), every other code comes from `errors.codes`, and a code this build does not know yet
 * (a newer server) falls back to the generic one rather than showing a key path.
 */
export function useErrorMessage(networkMessage: string) {
  const codes = useTranslations("errors.codes");
  return useCallback(
    (code: string) => {
      if (code === "network") return networkMessage;
      return codes.has(code as "internal_error") ? codes(code as "internal_error") : codes("internal_error");
    },
    [codes, networkMessage],
  );
}
