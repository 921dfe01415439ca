"use client";

/**
 * "Change" links from Check your answers add `?return=check`: after saving, go back there.
 *
 * The query is read when the person moves on, not while rendering: `useSearchParams` in a
 * prerendered page makes Next.js drop the whole step from the server's HTML (it bails out to
 * rendering in the browser), so the page would stay blank until its JavaScript ran.
 */
export function useReturnTo(next: string): () => string {
  return () => (returnsToCheck() ? "/book/check" : next);
}

/** Whether this page was opened from a "Change" link; only call it in the browser (handlers, effects). */
export function returnsToCheck(): boolean {
  return new URLSearchParams(window.location.search).get("return") === "check";
}
