import { notFound } from "next/navigation";

/**
 * Any path under a language that no page answers (`/es/nada`): the language's own "not found"
 * (app/[locale]/not-found.tsx, with the header and a way home) instead of Next.js's English one.
 * Status 404. next-intl's documented pattern: only a route can call notFound().
 */
export default function UnknownPage() {
  notFound();
}
