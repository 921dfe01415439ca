import type { ReactNode } from "react";
import { Link } from "@/lib/shared/i18n/navigation";
import { SiteHeader } from "./site-header";

/**
 * The frame of every page: header with the language switcher, a back link, one heading. `title`
 * null: the page's content draws its own heading (one that follows what only the browser knows).
 */
export function StepPage({ title, back, children }: { title: string | null; back?: { href: string; label: string }; children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-2xl px-4 pb-16 pt-4">
        {back && (
          <Link href={back.href} className="link mb-4 inline-flex min-h-11 items-center text-lg">
            <span aria-hidden="true" className="me-1 rtl:rotate-180">‹</span>
            {back.label}
          </Link>
        )}
        {title !== null && <h1 className="mb-6 text-3xl font-bold">{title}</h1>}
        {children}
      </main>
    </>
  );
}
