import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { CheckAnswers } from "@/components/booking/check-answers";
import { StepPage } from "@/components/layout/step-page";

export default async function CheckPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("check");
  return (
    <StepPage title={t("title")} back={{ href: "/book/port", label: t("back") }}>
      <Suspense>
        <CheckAnswers />
      </Suspense>
    </StepPage>
  );
}
