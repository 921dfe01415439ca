import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { TravelerForm } from "@/components/booking/traveler-form";
import { StepPage } from "@/components/layout/step-page";

export default async function TravelerPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("traveler");
  return (
    <StepPage title={t("title")} back={{ href: "/book/travelers", label: t("back") }}>
      <Suspense>
        <TravelerForm />
      </Suspense>
    </StepPage>
  );
}
