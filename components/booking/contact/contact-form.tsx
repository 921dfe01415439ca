"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ErrorSummary, type FieldError } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { useDraftOrEmpty } from "@/components/booking/use-draft";
import { useReturnTo } from "@/components/booking/use-return-to";

/** Optional phone and e-mail: many people have no e-mail, and nothing depends on either. */
export function ContactForm() {
  const t = useTranslations("contact");
  const tIssue = useTranslations("errors.issues");
  const router = useRouter();
  const next = useReturnTo("/book/photos");
  const { draft, update } = useDraftOrEmpty();
  const [errors, setErrors] = useState<FieldError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The shared schema (and zod) load when the person continues, not with the page.
    const { validateContact } = await import("@/lib/scheduling/client/contact-validation");
    const found = validateContact(draft.contact).map(({ field, key, values }) => ({
      fieldId: field,
      message: tIssue(key as "invalid_phone", values),
    }));
    setErrors(found);
    if (found.length === 0) router.push(next());
  };
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const set = (field: "phone" | "email", value: string) => update((d) => ({ ...d, contact: { ...d.contact, [field]: value } }));

  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} />
      <p className="mb-6 text-lg">{t("intro")}</p>
      <TextField id="phone" type="tel" autoComplete="tel" inputMode="tel" dir="ltr" optional label={t("phone")} hint={t("phoneHint")} error={errorFor("phone")} value={draft.contact.phone} onChange={(e) => set("phone", e.target.value)} />
      <TextField id="email" type="email" autoComplete="email" dir="ltr" optional label={t("email")} hint={t("emailHint")} error={errorFor("email")} value={draft.contact.email} onChange={(e) => set("email", e.target.value)} />
      <button type="submit" className="button-primary">{t("continue")}</button>
    </form>
  );
}
