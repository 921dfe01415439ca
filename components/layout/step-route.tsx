import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ComponentType } from "react";
import { routeLocale } from "@/lib/shared/i18n/locales";
import { StepPage } from "./step-page";

type Namespace = "eligibility" | "travelers" | "traveler" | "contact" | "photos" | "port" | "check" | "done" | "queued" | "appointment";

// Steps whose heading depends on what only the browser knows, so they render it themselves: the
// done page's follows the appointment's status (the phone's copy, then the server's word). Its
// Suspense fallback is the catalog's title, so the server's HTML still has the heading.
const HEADED_BY_STEP: ReadonlySet<Namespace> = new Set(["done"]);

/**
 * A step's whole page: its catalog namespace gives the title (`title`) and back link (`back`).
 * Every step is the same thin frame, so it is written once.
 *
 * No Suspense around the step: a step that reads the query string with `useSearchParams` would
 * then silently leave the server's HTML empty (Next.js renders that boundary in the browser only)
 * and the page would paint nothing until its JavaScript ran. Without one, the build stops and says
 * so; such a step puts its own boundary around the part that needs the query (traveler, done).
 */
export function stepRoute(namespace: Namespace, back: string | null, Step: ComponentType<{ locale: string }>) {
  return async function StepRoute({ params }: { params: Promise<{ locale: string }> }) {
    const locale = routeLocale((await params).locale);
    setRequestLocale(locale);
    const t = await getTranslations(namespace);
    return (
      <StepPage title={HEADED_BY_STEP.has(namespace) ? null : t("title")} back={back === null ? undefined : { href: back, label: t("back") }}>
        <Step locale={locale} />
      </StepPage>
    );
  };
}
