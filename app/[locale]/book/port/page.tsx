import { getTranslations, setRequestLocale } from "next-intl/server";
import { PortStep } from "@/components/booking/port/port-step";
import type { Port } from "@/components/booking/port/port-list";
import { StepPage } from "@/components/layout/step-page";
import { log } from "@/lib/server/log/logger";
import { routeLocale } from "@/lib/shared/i18n/locales";
import { listPublicPorts } from "@/lib/scheduling/server/ports";

/**
 * The ports are this page's content, and public: they are in the server's HTML, so the list paints
 * with the page on one bar of signal instead of after the scripts, the data and a render. Rendered
 * per request; the service worker stores this page with the language's others, and the step
 * refreshes the list from the API once it runs.
 */
export const dynamic = "force-dynamic";

async function portsForPage(): Promise<Port[] | null> {
  try {
    return await listPublicPorts();
  } catch (error) {
    // The database is unreachable: the page still opens, and the step asks the API (and says so).
    log.error("port page without ports", { error });
    return null;
  }
}

export default async function PortPage({ params }: { params: Promise<{ locale: string }> }) {
  setRequestLocale(routeLocale((await params).locale));
  const [t, ports] = await Promise.all([getTranslations("port"), portsForPage()]);
  return (
    <StepPage title={t("title")} back={{ href: "/book/photos", label: t("back") }}>
      <PortStep initialPorts={ports} />
    </StepPage>
  );
}
