"use client";
import { useSearchParams } from "next/navigation";

/** "Change" links from Check your answers add `?return=check`: after saving, go back there. */
export function useReturnTo(next: string): string {
  return useSearchParams().get("return") === "check" ? "/book/check" : next;
}
