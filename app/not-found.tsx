import { getTranslations } from "next-intl/server";
import NextLink from "next/link";
import { defaultLocale, textDirection } from "@/lib/shared/i18n/locales";
import "./globals.css";

/**
 * A path outside any language that no route answers. Paths without a language are sent to the
 * person's language by the proxy (and then meet app/[locale]/not-found.tsx); this page is for the
 * few it leaves alone (`/nada.txt`): in English, its way home being `/`, which the proxy sends on
 * to the person's language.
 *
 * Plain markup, no client component of the app's own (next/link is in the framework's chunk
 * already): this boundary's code ships with every page of the app (it wraps them all), so the
 * app's header with its language switcher here would weigh on each. Static too: reading the
 * request's headers here would make every page render per request.
 */
export default async function RootNotFound() {
  const locale = defaultLocale;
  const t = await getTranslations({ locale, namespace: "notFound" });
  const layout = await getTranslations({ locale, namespace: "layout" });
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="bg-white text-gray-950 antialiased">
        <header className="bg-blue-900 text-white">
          <div className="mx-auto flex max-w-2xl items-center px-4 py-2">
            <NextLink href="/" prefetch={false} className="inline-flex min-h-11 items-center text-xl font-bold text-white">{layout("siteName")}</NextLink>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-2xl px-4 pb-16 pt-4">
          <h1 className="mb-6 text-3xl font-bold">{t("title")}</h1>
          <p className="mb-6 text-xl">{t("body")}</p>
          {/* "/", not "/en": the proxy answers it in the browser's language. */}
          <NextLink href="/" prefetch={false} className="button-primary">{t("home")}</NextLink>
        </main>
      </body>
    </html>
  );
}
