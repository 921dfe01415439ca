import { render } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import ar from "@/messages/ar.json";

const catalogs = { en, es, ar } as const;

/** Renders as a page does: inside next-intl's provider with a real catalog, never made-up strings. */
export function renderInLocale(ui: ReactElement, locale: keyof typeof catalogs = "en") {
  return render(
    <NextIntlClientProvider locale={locale} messages={catalogs[locale]} timeZone="UTC">
      {ui}
    </NextIntlClientProvider>,
  );
}
