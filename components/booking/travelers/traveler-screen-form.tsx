"use client";
import { useTranslations } from "next-intl";
import type { ComponentType } from "react";
import type { UseFormReturn } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { displayName, type TravelerDraft } from "@/lib/scheduling/client/draft";
import { useTravelerForm } from "./use-traveler-form";

/** What a screen's fields get: the form, each field's message, and whether this is the applicant. */
export type FieldsProps = {
  form: UseFormReturn<TravelerDraft>;
  message: (field: string) => string | undefined;
  isMain: boolean;
};

export type TravelerScreen = {
  /** Index in travelerScreens: which fields are this screen's, and which screen comes next. */
  index: number;
  Fields: ComponentType<FieldsProps>;
  /** Answers offered before the person gives one (the nationality's language, its country). */
  defaults?: (traveler: TravelerDraft) => Partial<TravelerDraft>;
};

type Props = { screen: TravelerScreen; traveler: TravelerDraft; number: number; isNew: boolean; onSave: (t: TravelerDraft) => Promise<void> };

/** One screen's form for one traveler (`number` counts from 1, the applicant): the summary, whose answers these are, the screen's fields. */
export function TravelerScreenForm({ screen, traveler, number, isNew, onSave }: Props) {
  const t = useTranslations("traveler");
  const tList = useTranslations("travelers");
  const { form, message, summary, attempt, save } = useTravelerForm({ screen, traveler, isNew, onSave });
  const isMain = number === 1;
  return (
    <form noValidate onSubmit={save}>
      {/* A new one each "Continue": it takes the focus even when the problems are the same. */}
      <ErrorSummary key={attempt} errors={summary} />
      {screen.index === 0 ? (
        <p className="mb-6 text-lg">{isMain ? t("introMain") : t("introFamily")}</p>
      ) : (
        // Whose answers these are: in a family, the screens look alike.
        <p className="mb-6 text-xl font-semibold">{displayName(traveler) || tList("unnamed", { number })}</p>
      )}
      <screen.Fields form={form} message={message} isMain={isMain} />
      <button type="submit" className="button-primary">{t("save")}</button>
    </form>
  );
}
