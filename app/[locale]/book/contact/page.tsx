import { getTranslations, setRequestLocale } from "next-intl/server";
import { Suspense } from "react";
import { ContactForm } from "@/components/booking/contact-form";
import { StepPage } from "@/components/layout/step-page";

export default async function ContactPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("contact");
  return (
    <StepPage title={t("title")} back={{ href: "/book/travelers", label: t("back") }}>
      <Suspense>
        <ContactForm />
      </Suspense>
    </StepPage>
  );
}
