import { getTranslations } from "next-intl/server";
import { StepPage } from "@/components/layout/step-page";
import { Link } from "@/lib/shared/i18n/navigation";

/**
 * "Page not found" in the page's language (the layout has set it), in the app's frame: the header
 * with the language switcher, and the ways on. Shown for every unknown path under a language
 * (app/[locale]/[...rest]) with status 404.
 */
export default async function LocaleNotFound() {
  const t = await getTranslations("notFound");
  return (
    <StepPage title={t("title")}>
      <p className="mb-6 text-xl">{t("body")}</p>
      <div className="flex flex-wrap gap-4">
        <Link href="/" className="button-primary">{t("home")}</Link>
        <Link href="/appointment" className="button-secondary">{t("myAppointment")}</Link>
      </div>
    </StepPage>
  );
}
