import "client-only";
import { travelerHref, type Draft } from "./draft";

/**
 * Where in the flow a server issue's path is answered, so "Check your answers" can link each error
 * to the page and field that fix it.
 */
export function answerLocation(path: string, draft: Draft): { href: string; traveler?: number } {
  const [head, index] = path.split(".");
  const traveler = draft.travelers[Number(index)];
  // "travelers.0.document.number" → the screen that asks for the document.
  if (head === "travelers" && traveler) return { href: `${travelerHref(traveler.id, path.split(".").slice(2).join("."))}&return=check`, traveler: Number(index) };
  if (head === "photo") return { href: "/book/photos?return=check", traveler: Number(index) };
  if (head === "contact") return { href: "/book/contact?return=check" };
  if (head === "slotId" || head === "portId") return { href: "/book/port?return=check" };
  return { href: "/book/eligibility?return=check" };
}

/** Masks what need not be readable on a printed record: all but the last characters. */
export function mask(value: string, visible = 3): string {
  if (!value) return "";
  return `${"•".repeat(Math.max(0, value.length - visible))}${value.slice(-visible)}`;
}
