"use client";
import { useTranslations } from "next-intl";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";

/** The answers as kept after sending, sensitive values masked: shown on paper only. */
export function PrintRecord({ saved }: { saved: SavedAppointment }) {
  const t = useTranslations("done");
  if (!saved.record) return null;
  return (
    <section className="hidden print:block">
      <h2 className="mt-6 text-xl font-bold">{t("recordTitle")}</h2>
      <table className="mt-2 w-full border-collapse text-start">
        <thead>
          <tr><th className="border p-1 text-start">{t("recordName")}</th><th className="border p-1 text-start">{t("recordBirth")}</th><th className="border p-1 text-start">{t("recordNationality")}</th><th className="border p-1 text-start">{t("recordDocument")}</th></tr>
        </thead>
        <tbody>
          {saved.record.travelers.map((x, i) => (
            <tr key={i}><td className="border p-1">{x.name}</td><td className="border p-1">{x.dateOfBirth}</td><td className="border p-1">{x.nationality}</td><td className="border p-1" dir="ltr">{x.document}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2">{t("recordPhone")}: <span dir="ltr">{saved.record.phone || "—"}</span></p>
      <p>{t("recordEmail")}: <span dir="ltr">{saved.record.email || "—"}</span></p>
    </section>
  );
}
