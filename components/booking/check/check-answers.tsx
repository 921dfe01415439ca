"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import type { z } from "zod";
import type { portSchema } from "@/lib/shared/schemas/responses";
import { displayName, firstIncompleteStep, isoDate } from "@/lib/scheduling/client/draft";
import { loadPhoto } from "@/lib/scheduling/client/draft-store";
import { Link, useRouter } from "@/lib/shared/i18n/navigation";
import { formatSlotRange } from "@/lib/scheduling/client/format-slot";
import { SendFailure } from "./send-failure";
import { SummaryList, type SummaryRow } from "./summary-list";
import { useDraft } from "@/components/booking/use-draft";
import { useSendApplication } from "./use-send-application";

type Port = z.infer<typeof portSchema>;

export function CheckAnswers() {
  const t = useTranslations("check");
  const locale = useLocale();
  const router = useRouter();
  const { draft, update } = useDraft();
  const { send, sending, failure, chooseSlot } = useSendApplication(draft, update);
  const [photoIds, setPhotoIds] = useState<Set<string> | null>(null);
  const sendButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!draft) return;
    Promise.all(draft.travelers.map(async (x) => ((await loadPhoto(x.id)) ? [x.id] : []))).then((ids) => setPhotoIds(new Set(ids.flat())));
  }, [draft]);

  const port = draft?.port ?? undefined;
  // A step left unanswered shows at once, without waiting for the photos to be counted: the draft
  // alone says so (photos assumed there). Then the answers are not laid out at all: formatting them
  // (plural rules, dates) was the largest piece of work on this page on a slow phone.
  const unanswered = draft && firstIncompleteStep(draft, new Set(draft.travelers.map((x) => x.id)));
  const rows = useMemo(() => (draft && !unanswered ? answerRows(draft, port, t, locale) : []), [draft, unanswered, port, t, locale]);
  if (!draft) return null;

  // The answers show as soon as the draft is read; photos are counted meanwhile.
  const missing = unanswered || (photoIds && firstIncompleteStep(draft, photoIds));
  if (missing) {
    return (
      <p className="text-lg">
        {t("incomplete")}{" "}
        <Link href={`/book/${missing}`} className="link">{t(`steps.${missing}`)}</Link>
      </p>
    );
  }

  // The alternative pressed disappears with the message: the focus goes on to Send, the next step,
  // instead of falling back to the top of the page.
  const chooseAlternative = async ({ id, start, end }: { id: string; start: string; end: string }) => {
    // An alternative arrives with its seat counts, which go stale at once: the draft keeps the time only.
    await chooseSlot({ id, start, end });
    sendButton.current?.focus();
  };

  const submit = async () => {
    const outcome = port && (await send(port));
    if (outcome && "code" in outcome) router.replace(`/book/done?code=${encodeURIComponent(outcome.code)}`);
    else if (outcome) router.replace(`/book/queued?id=${encodeURIComponent(outcome.queued)}`);
  };

  return (
    <>
      {failure && <SendFailure failure={failure} draft={draft} timeZone={port?.timeZone ?? "UTC"} onChooseSlot={chooseAlternative} />}
      <SummaryList rows={rows} />
      <h2 className="mb-2 text-2xl font-bold">{t("sendTitle")}</h2>
      <p className="mb-4 text-lg">{t("sendBody")}</p>
      <button ref={sendButton} type="button" className="button-primary" onClick={submit} disabled={sending || !port || !photoIds} aria-describedby="send-status">
        {sending ? t("sending") : t("send")}
      </button>
      <p id="send-status" role="status" className="mt-3 text-lg">{sending ? t("sendingStatus") : ""}</p>
    </>
  );
}

function answerRows(draft: NonNullable<ReturnType<typeof useDraft>["draft"]>, port: Port | undefined, t: ReturnType<typeof useTranslations<"check">>, locale: string): SummaryRow[] {
  const change = (href: string, what: string) => ({ href: `${href}${href.includes("?") ? "&" : "?"}return=check`, label: t("change"), what });
  const travelers = draft.travelers.map((x, i) => ({
    key: `traveler-${x.id}`,
    label: i === 0 ? t("mainApplicant") : t("familyMember", { number: i }),
    value: (
      <>
        <span className="block font-semibold">{displayName(x)}</span>
        <span className="block">{new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate(x.dateOfBirth)}T00:00:00Z`))}</span>
      </>
    ),
    change: change(`/book/traveler?id=${x.id}`, displayName(x)),
  }));
  return [
    { key: "eligibility", label: t("eligibility"), value: t("eligibilityDone"), change: change("/book/eligibility", t("eligibility")) },
    ...travelers,
    { key: "phone", label: t("phone"), value: <span dir="ltr">{draft.contact.phone || t("notGiven")}</span>, change: change("/book/contact", t("phone")) },
    { key: "email", label: t("email"), value: <span dir="ltr">{draft.contact.email || t("notGiven")}</span>, change: change("/book/contact", t("email")) },
    { key: "photos", label: t("photos"), value: t("photosDone", { count: draft.travelers.length }), change: change("/book/photos", t("photos")) },
    { key: "port", label: t("port"), value: port ? `${port.name}, ${port.state}` : draft.portId, change: change("/book/port", t("port")) },
    {
      key: "time",
      label: t("time"),
      value: port?.mode === "draw" ? t("drawRequest") : draft.slot && port ? formatSlotRange(draft.slot, port.timeZone, locale) : "",
      change: change("/book/port", t("time")),
    },
  ];
}
