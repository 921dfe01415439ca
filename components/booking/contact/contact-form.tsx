"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { useProblems } from "@/components/form/use-problems";
import { TextField } from "@/components/form/text-field";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { regionName } from "@/lib/shared/i18n/display-names";
import type { ContactIssue } from "@/lib/scheduling/client/contact-validation";
import { useDraftOrEmpty } from "@/components/booking/use-draft";
import { useReturnTo } from "@/components/booking/use-return-to";
import { usePhoneReader } from "./use-phone-reader";

/**
 * Optional phone and e-mail: many people have no e-mail, and nothing depends on either. The phone
 * is taken as people type it (no "+52" needed, any digits) and kept in E.164, the form the server
 * takes; once understood it is shown back, written the international way.
 */
export function ContactForm() {
  const t = useTranslations("contact");
  const tIssue = useTranslations("errors.issues");
  const locale = useLocale();
  const router = useRouter();
  const next = useReturnTo("/book/photos");
  const { draft, update } = useDraftOrEmpty();
  const { errors, attempt, show: setErrors } = useProblems();
  // What the field shows; the draft keeps E.164 once the number is understood, else the text as typed.
  const [shown, setShown] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const edited = useRef(false);
  const stored = draft.contact.phone;
  const phoneLib = usePhoneReader(focused || stored !== "");
  useEffect(() => {
    if (!edited.current) setShown(phoneLib && stored ? phoneLib.formatPhone(stored) : stored);
  }, [stored, phoneLib]);

  const reading = phoneLib && shown?.trim() ? phoneLib.readPhone(shown) : null;

  const message = (issue: ContactIssue) =>
    issue.source === "phone"
      ? t(`phoneErrors.${issue.key}`, { country: regionName(locale, issue.country) })
      : tIssue(issue.key as "invalid_email", issue.values);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The shared schema and zod load when the person continues, not with the page (and the phone
    // metadata only for a number).
    const { validateContact } = await import("@/lib/scheduling/client/contact-validation");
    const { issues, contact } = await validateContact({ phone: shown ?? stored, email: draft.contact.email });
    setErrors(issues.map((issue) => ({ fieldId: issue.field, message: message(issue) })));
    if (issues.length > 0) return;
    await update((d) => ({ ...d, contact }));
    router.push(next());
  };
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;

  const typePhone = (value: string) => {
    edited.current = true;
    setShown(value);
    const understood = phoneLib && value.trim() ? phoneLib.readPhone(value) : null;
    void update((d) => ({ ...d, contact: { ...d.contact, phone: understood?.ok ? understood.e164 : value } }));
  };
  // Leaving the field writes the number back the way it was understood: "+52 664 123 4567".
  const tidyPhone = () => {
    if (reading?.ok) setShown(reading.international);
  };
  const setEmail = (value: string) => update((d) => ({ ...d, contact: { ...d.contact, email: value } }));

  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary key={attempt} errors={errors} />
      <p className="mb-6 text-lg">{t("intro")}</p>
      <TextField id="phone" type="tel" autoComplete="tel" inputMode="tel" dir="ltr" optional label={t("phone")} hint={t("phoneHint")} error={errorFor("phone")} value={shown ?? stored} onChange={(e) => typePhone(e.target.value)} onFocus={() => setFocused(true)} onBlur={tidyPhone} />
      <p role="status" className="-mt-4 mb-6 text-lg">
        {/* Isolated left-to-right and unbroken, so "+52 664 123 4567" reads whole inside Arabic. */}
        {reading?.ok && t("phoneUnderstood", { number: `\u2066${reading.international.replace(/ /g, "\u00a0")}\u2069` })}
      </p>
      <TextField id="email" type="email" autoComplete="email" dir="ltr" optional label={t("email")} hint={t("emailHint")} error={errorFor("email")} value={draft.contact.email} onChange={(e) => setEmail(e.target.value)} />
      <button type="submit" className="button-primary">{t("continue")}</button>
    </form>
  );
}
