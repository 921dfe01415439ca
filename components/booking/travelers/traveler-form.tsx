"use client";
import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { newTraveler, type TravelerDraft } from "@/lib/scheduling/client/draft";
import { MAX_TRAVELERS } from "@/lib/shared/schemas/limits";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { useDraft } from "@/components/booking/use-draft";
import { TravelerScreenForm, type TravelerScreen } from "./traveler-screen-form";

/**
 * One screen of a traveler's questions (travelerScreens in the draft): every problem of the screen
 * at the first "Continue", the answers saved to the draft as they are typed (so changing language
 * or going back keeps them), then the next screen, or "Check your answers" when the person came
 * from there.
 */
export function TravelerForm(screen: TravelerScreen) {
  // Which traveler comes from `?id=`, known only in the browser: `useSearchParams` makes only this
  // boundary wait for the browser (see step-route.tsx). Its fallback is empty on purpose: a
  // disabled copy of the form makes the phone render the form's top twice and throw one away.
  return (
    <Suspense>
      <TravelerById {...screen} />
    </Suspense>
  );
}

function TravelerById(screen: TravelerScreen) {
  const id = useSearchParams().get("id");
  const { draft, update } = useDraft();
  if (!draft || !id) return draft && <MissingTraveler />;
  const index = draft.travelers.findIndex((x) => x.id === id);
  // "Add" only opens the first screen with a new id: the traveler joins the list once something
  // is written, so "Add" then "Back" leaves no empty traveler behind.
  const isNew = index === -1;
  if (isNew && (screen.index > 0 || draft.travelers.length >= MAX_TRAVELERS)) return <MissingTraveler />;
  const traveler = isNew ? newTraveler(id) : draft.travelers[index];
  const number = isNew ? draft.travelers.length + 1 : index + 1;
  const save = (t: TravelerDraft) =>
    update((d) => (d.travelers.some((x) => x.id === t.id) ? { ...d, travelers: d.travelers.map((x) => (x.id === t.id ? t : x)) } : { ...d, travelers: [...d.travelers, t].slice(0, MAX_TRAVELERS) }));
  return <TravelerScreenForm key={`${id}-${screen.index}`} screen={screen} traveler={traveler} number={number} isNew={isNew} onSave={save} />;
}

function MissingTraveler() {
  const t = useTranslations("traveler");
  const router = useRouter();
  return <button type="button" className="button-secondary" onClick={() => router.push("/book/travelers")}>{t("missing")}</button>;
}
