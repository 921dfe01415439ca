import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { TravelersList } from "@/components/booking/travelers-list";
import { StepPage } from "@/components/layout/step-page";

export default async function TravelersPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("travelers");
  return (
    <StepPage title={t("title")} back={{ href: "/book/eligibility", label: t("back") }}>
      <Suspense>
        <TravelersList locale={locale} />
      </Suspense>
    </StepPage>
  );
}
