import { useTranslations } from "next-intl";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { locales } from "@/lib/shared/i18n/locales";
import { Link } from "@/lib/shared/i18n/navigation";
import { LanguageSwitcher } from "./language-switcher";

export function SiteHeader() {
  const t = useTranslations("layout");
  return (
    <header className="bg-blue-900 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:block focus:bg-yellow-300 focus:p-3 focus:text-black">
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href="/" className="inline-flex min-h-11 items-center text-xl font-bold text-white">
          {t("siteName")}
        </Link>
        <LanguageSwitcher languages={locales.map((code) => ({ code, name: catalogs[code].meta.languageName }))} />
      </div>
    </header>
  );
}
