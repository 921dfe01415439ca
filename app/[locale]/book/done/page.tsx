import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { Confirmation } from "@/components/booking/confirmation";
import { StepPage } from "@/components/layout/step-page";

export default async function DonePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("done");
  return (
    <StepPage title={t("title")}>
      <Suspense>
        <Confirmation />
      </Suspense>
    </StepPage>
  );
}
