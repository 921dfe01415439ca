import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { PortStep } from "@/components/booking/port-step";
import { StepPage } from "@/components/layout/step-page";

export default async function PortPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("port");
  return (
    <StepPage title={t("title")} back={{ href: "/book/photos", label: t("back") }}>
      <Suspense>
        <PortStep />
      </Suspense>
    </StepPage>
  );
}
