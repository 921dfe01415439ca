"use client";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense, type ChangeEvent } from "react";
import { isLocale, type Locale } from "@/lib/shared/i18n/locales";
import { usePathname, useRouter } from "@/lib/shared/i18n/navigation";

/**
 * Languages by their own names (each from its own catalog, passed in by the server), never flags. Switching keeps the page and its query (the person's
 * answers live on the device, so nothing typed is lost).
 */
type Language = { code: Locale; name: string };

export function LanguageSwitcher({ languages }: { languages: Language[] }) {
  return (
    <Suspense fallback={null}>
      <Switcher languages={languages} />
    </Suspense>
  );
}

function Switcher({ languages }: { languages: Language[] }) {
  const t = useTranslations("layout");
  const locale = useLocale();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const router = useRouter();
  const change = (event: ChangeEvent<HTMLSelectElement>) => {
    const chosen = event.target.value;
    if (isLocale(chosen)) router.replace(query ? `${pathname}?${query}` : pathname, { locale: chosen });
  };
  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">{t("language")}</span>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 fill-current"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-2.9a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8ZM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4ZM4.3 14a8 8 0 0 1 0-4h3.3a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h2.9c.3 1.3.8 2.5 1.4 3.6A8 8 0 0 1 5.1 16ZM8 8H5.1a8 8 0 0 1 4.3-3.6C8.8 5.5 8.3 6.7 8 8Zm4 12c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.3 5.6c.6-1.1 1.1-2.3 1.4-3.6h2.9a8 8 0 0 1-4.3 3.6Zm1.8-5.6a16.5 16.5 0 0 0 0-4h3.3a8 8 0 0 1 0 4h-3.3Z" /></svg>
      <select value={locale} onChange={change} className="min-h-11 rounded border-2 border-white bg-blue-900 px-2 text-lg text-white focus-visible:outline-4 focus-visible:outline-yellow-400">
        {languages.map(({ code, name }) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
