import { getTranslations } from "next-intl/server";
import { locales } from "@/lib/shared/i18n/locales";
import { Link } from "@/lib/shared/i18n/navigation";
import { LanguageSwitcher } from "./language-switcher";

export async function SiteHeader() {
  const t = await getTranslations("layout");
  // Each language by its own name, from its own catalog.
  const languages = await Promise.all(
    locales.map(async (code) => ({ code, name: (await getTranslations({ locale: code, namespace: "meta" }))("languageName") })),
  );
  return (
    <header className="bg-blue-900 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:block focus:bg-yellow-300 focus:p-3 focus:text-black">
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href="/" className="inline-flex min-h-11 items-center text-xl font-bold text-white">
          {t("siteName")}
        </Link>
        <LanguageSwitcher languages={languages} />
      </div>
    </header>
  );
}
