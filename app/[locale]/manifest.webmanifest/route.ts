import { hasLocale } from "next-intl";
import { getTranslations } from "next-intl/server";
import { textDirection, type Locale } from "@/lib/shared/i18n/locales";
import { routing } from "@/lib/shared/i18n/routing";

// One manifest per language, prerendered at build: the home-screen app opens in the language it
// was installed from. Scope `/` so every language's pages stay inside the installed app.
export const dynamic = "force-static";

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

const THEME = "#1e3a8a";

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return new Response(null, { status: 404 });
  const t = await getTranslations({ locale, namespace: "offline" });
  const meta = await getTranslations({ locale, namespace: "meta" });
  const icon = (src: string, size: number, purpose: "any" | "maskable") => ({ src, sizes: `${size}x${size}`, type: "image/png", purpose });
  const manifest = {
    id: "/",
    name: t("appName"),
    short_name: t("shortName"),
    description: meta("description"),
    lang: locale,
    dir: textDirection(locale as Locale),
    start_url: `/${locale}`,
    scope: "/",
    display: "standalone",
    theme_color: THEME,
    background_color: "#ffffff",
    icons: [
      icon("/icons/icon-192.png", 192, "any"),
      icon("/icons/icon-512.png", 512, "any"),
      icon("/icons/maskable-192.png", 192, "maskable"),
      icon("/icons/maskable-512.png", 512, "maskable"),
    ],
  };
  return new Response(JSON.stringify(manifest), { headers: { "content-type": "application/manifest+json; charset=utf-8" } });
}
