import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { MyAppointment } from "@/components/booking/my-appointment";
import { StepPage } from "@/components/layout/step-page";

export default async function AppointmentPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("appointment");
  return (
    <StepPage title={t("title")} back={{ href: "/", label: t("back") }}>
      <Suspense>
        <MyAppointment />
      </Suspense>
    </StepPage>
  );
}
