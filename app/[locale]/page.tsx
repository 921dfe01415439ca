import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepPage } from "@/components/layout/step-page";
import { DeviceReminder } from "@/components/outbox/device-reminder";
import { routeLocale } from "@/lib/shared/i18n/locales";
import { Link } from "@/lib/shared/i18n/navigation";

/** What Puerta is, that it is free, what it asks and why, and how the answers are protected. */
export default async function StartPage({ params }: { params: Promise<{ locale: string }> }) {
  setRequestLocale(routeLocale((await params).locale));
  const t = await getTranslations("start");
  const sections = ["asked", "privacy", "offline"] as const;
  return (
    <StepPage title={t("title")}>
      <DeviceReminder />
      <p className="mb-4 text-xl">{t("intro")}</p>
      <div className="mb-6 border-s-8 border-blue-800 bg-blue-50 p-4 text-lg">
        <p className="font-bold">{t("free")}</p>
        <p>{t("noSale")}</p>
      </div>
      {sections.map((section) => (
        <section key={section} className="mb-6">
          <h2 className="mb-2 text-2xl font-bold">{t(`${section}.title`)}</h2>
          <p className="text-lg">{t(`${section}.body`)}</p>
        </section>
      ))}
      <div className="flex flex-wrap gap-4">
        <Link href="/book/eligibility" className="button-primary">{t("begin")}</Link>
        <Link href="/appointment" className="button-secondary">{t("myAppointment")}</Link>
      </div>
    </StepPage>
  );
}
