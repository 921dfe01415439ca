import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { OfflineShell } from "@/components/offline/offline-shell";
import { routeLocale, textDirection } from "@/lib/shared/i18n/locales";
import { routing } from "@/lib/shared/i18n/routing";
import { OutboxRunner } from "@/components/outbox/outbox-runner";
import "../globals.css";

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: routeLocale(locale), namespace: "meta" });
  // Each language has its own manifest, so the installed app starts in the language it came from.
  return { title: t("title"), description: t("description"), manifest: `/${locale}/manifest.webmanifest` };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1e3a8a" };

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="bg-white text-gray-950 antialiased">
        <NextIntlClientProvider>
          <OfflineShell />
          {children}
          <OutboxRunner />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
