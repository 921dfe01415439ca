import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { EligibilityForm } from "@/components/booking/eligibility-form";
import { StepPage } from "@/components/layout/step-page";
import { attestationIds } from "@/lib/booking/attestations";

export default async function EligibilityPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("eligibility");
  return (
    <StepPage title={t("title")} back={{ href: "/", label: t("back") }}>
      <Suspense>
        <EligibilityForm attestationIds={attestationIds} />
      </Suspense>
    </StepPage>
  );
}
