import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { PhotosStep } from "@/components/booking/photos-step";
import { StepPage } from "@/components/layout/step-page";

export default async function PhotosPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("photos");
  return (
    <StepPage title={t("title")} back={{ href: "/book/contact", label: t("back") }}>
      <Suspense>
        <PhotosStep />
      </Suspense>
    </StepPage>
  );
}
