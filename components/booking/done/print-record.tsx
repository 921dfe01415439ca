"use client";
import { useLocale, useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { formatDate } from "@/lib/scheduling/client/format-slot";
import { countryName } from "@/lib/shared/i18n/display-names";

const DOCUMENT = /^(passport|national_id|travel_document|other) (.*)$/;

/**
 * The answers as kept after sending, sensitive values masked: shown on paper only. The record
 * keeps codes ("1992-05-14", "HND", "passport"); they are written out in the page's language
 * when printed, so the paper reads "14 de mayo de 1992", "Honduras", "Pasaporte".
 */
export function PrintRecord({ saved }: { saved: SavedAppointment }) {
  const t = useTranslations("done");
  const tCheck = useTranslations("check");
  const tForm = useTranslations("form");
  const locale = useLocale();
  if (!saved.record) return null;
  const nationality = (code: string) =>
    countryName(locale, code) ?? (code === "XXA" || code === "XXB" || code === "XXC" || code === "XXX" ? tForm(`nationalityOnly.${code}`) : code);
  const documentText = (kept: string) => {
    const parts = DOCUMENT.exec(kept);
    return parts ? `${tCheck(`documentTypes.${parts[1] as "passport"}`)} \u2066${parts[2]}\u2069` : kept;
  };
  return (
    <section className="hidden print:block">
      <h2 className="mt-6 text-xl font-bold">{t("recordTitle")}</h2>
      <table className="mt-2 w-full border-collapse text-start">
        <thead>
          <tr><th className="border p-1 text-start">{t("recordName")}</th><th className="border p-1 text-start">{t("recordBirth")}</th><th className="border p-1 text-start">{t("recordNationality")}</th><th className="border p-1 text-start">{t("recordDocument")}</th></tr>
        </thead>
        <tbody>
          {saved.record.travelers.map((x, i) => (
            <tr key={i}><td className="border p-1">{x.name}</td><td className="border p-1">{formatDate(x.dateOfBirth, locale)}</td><td className="border p-1">{nationality(x.nationality)}</td><td className="border p-1">{x.document ? documentText(x.document) : tCheck("noDocument")}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2">{t("recordPhone")}: <span dir="ltr">{saved.record.phone || "—"}</span></p>
      <p>{t("recordEmail")}: <span dir="ltr">{saved.record.email || "—"}</span></p>
    </section>
  );
}
