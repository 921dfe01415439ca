import { useTranslations } from "next-intl";
import { setRequestLocale } from "next-intl/server";
import { use } from "react";

export default function StartPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = use(params);
  setRequestLocale(locale);
  const t = useTranslations("start");
  return (
    <main className="mx-auto max-w-xl p-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4 text-lg">{t("intro")}</p>
      <p className="mt-2 text-lg font-semibold">{t("free")}</p>
    </main>
  );
}
