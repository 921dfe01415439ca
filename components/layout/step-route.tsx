import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense, type ComponentType } from "react";
import { StepPage } from "./step-page";

type Namespace = "eligibility" | "travelers" | "traveler" | "contact" | "photos" | "port" | "check" | "done" | "queued" | "appointment";

/**
 * A step's whole page: its catalog namespace gives the title (`title`) and back link (`back`),
 * and its client component runs inside Suspense (it reads the query string). Every step is the
 * same thin frame, so it is written once.
 */
export function stepRoute(namespace: Namespace, back: string | null, Step: ComponentType<{ locale: string }>) {
  return async function StepRoute({ params }: { params: Promise<{ locale: string }> }) {
    const { locale } = await params;
    setRequestLocale(locale);
    const t = await getTranslations(namespace);
    return (
      <StepPage title={t("title")} back={back === null ? undefined : { href: back, label: t("back") }}>
        <Suspense>
          <Step locale={locale} />
        </Suspense>
      </StepPage>
    );
  };
}
