"use client";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useRef } from "react";
import { firstIncompleteStep } from "@/lib/scheduling/client/draft";
import { Link, useRouter } from "@/lib/shared/i18n/navigation";
import { usePhoneReader } from "@/components/booking/contact/use-phone-reader";
import { answerRows } from "./answer-rows";
import { SendFailure } from "./send-failure";
import { SummaryList } from "./summary-list";
import { useDraft } from "@/components/booking/use-draft";
import { useDraftPhotos } from "./use-draft-photos";
import { useSendApplication } from "./use-send-application";

export function CheckAnswers() {
  const t = useTranslations("check");
  const tForm = useTranslations("form");
  const locale = useLocale();
  const router = useRouter();
  const { draft, update } = useDraft();
  const { send, sending, failure, chooseSlot } = useSendApplication(draft, update);
  const sendButton = useRef<HTMLButtonElement>(null);
  const photos = useDraftPhotos(draft?.travelers.map((x) => x.id));
  const photoIds = useMemo(() => photos && new Set(photos.keys()), [photos]);
  // The number is stored in E.164 ("+526641234567") and shown as people write it, once the
  // phone module (loaded only when there is a number) arrives.
  const phoneLib = usePhoneReader(!!draft?.contact.phone);
  const phone = draft?.contact.phone && phoneLib ? phoneLib.formatPhone(draft.contact.phone) : (draft?.contact.phone ?? "");

  const port = draft?.port ?? undefined;
  // A step left unanswered shows at once, without waiting for the photos to be counted: the draft
  // alone says so (photos assumed there). Then the answers are not laid out at all: formatting them
  // (plural rules, dates) was the largest piece of work on this page on a slow phone.
  const unanswered = draft && firstIncompleteStep(draft, new Set(draft.travelers.map((x) => x.id)));
  const rows = useMemo(() => (draft && !unanswered ? answerRows(draft, photos, phone, t, tForm, locale) : []), [draft, unanswered, photos, phone, t, tForm, locale]);
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
