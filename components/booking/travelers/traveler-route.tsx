import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ComponentType } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { routeLocale } from "@/lib/shared/i18n/locales";
import { TravelerBackLink } from "./back-link";

type Screen = "name" | "origin" | "document" | "language";

/**
 * A page of the traveler's questions: the frame of every step (components/layout/step-page.tsx)
 * with a back link that knows which traveler (`?id=`), so it leads to this person's previous
 * screen. The heading is the screen's question, prerendered like every step's.
 */
export function travelerRoute(screen: Screen, Form: ComponentType) {
  return async function TravelerRoute({ params }: { params: Promise<{ locale: string }> }) {
    const locale = routeLocale((await params).locale);
    setRequestLocale(locale);
    const t = await getTranslations("traveler");
    return (
      <>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-2xl px-4 pb-16 pt-4">
          <TravelerBackLink screen={screen} label={screen === "name" ? t("back") : t("backStep")} />
          <h1 className="mb-6 text-3xl font-bold">{screen === "name" ? t("title") : t(`screens.${screen}`)}</h1>
          <Form />
        </main>
      </>
    );
  };
}
