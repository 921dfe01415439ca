"use client";
import { useCallback, useState } from "react";
import type { FieldError } from "./error-summary";

/**
 * A form's problems as of its last "Continue". `attempt` counts the tries: given to the
 * ErrorSummary as its `key`, each try mounts a new summary, which takes the focus again even when
 * the problems are the same ones.
 */
export function useProblems() {
  const [state, setState] = useState<{ errors: FieldError[]; attempt: number }>({ errors: [], attempt: 0 });
  const show = useCallback((errors: FieldError[]) => setState((last) => ({ errors, attempt: last.attempt + 1 })), []);
  return { ...state, show };
}
