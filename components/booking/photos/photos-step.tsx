"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ErrorSummary, type FieldError } from "@/components/form/error-summary";
import { displayName } from "@/lib/scheduling/client/draft";
import { loadPhoto, savePhoto } from "@/lib/scheduling/client/draft-store";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { PhotoCapture } from "@/components/camera/photo-capture";
import { useDraft } from "@/components/booking/use-draft";
import { useReturnTo } from "@/components/booking/use-return-to";

const CONTINUE_ID = "photos-continue";

/** One photo per traveler, taken one at a time; the camera runs only for the open one. */
export function PhotosStep() {
  const t = useTranslations("photos");
  const router = useRouter();
  const next = useReturnTo("/book/port");
  const { draft } = useDraft();
  const [photos, setPhotos] = useState<Record<string, Blob | null>>({});
  const [open, setOpen] = useState<string | null>(null);
  // The travelers found without a photo at the last "Continue". Each one's error goes away as soon
  // as that photo is saved: a problem that was fixed is not reported any more.
  const [flagged, setFlagged] = useState<string[]>([]);
  // Where the focus goes once a photo is saved: the button just pressed has gone with the camera.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  useEffect(() => {
    if (!draft) return;
    Promise.all(draft.travelers.map(async (t) => [t.id, await loadPhoto(t.id)] as const)).then((entries) => {
      setPhotos(Object.fromEntries(entries));
      setOpen((current) => current ?? entries.find(([, photo]) => !photo)?.[0] ?? null);
    });
  }, [draft]);
  // The explanation needs no saved answers: it is in the server's HTML and paints at once.
  const intro = <p className="mb-6 text-lg">{t("intro")}</p>;
  if (!draft) return intro;

  const nameOf = (index: number) => displayName(draft.travelers[index]) || t("travelerNumber", { number: index + 1 });
  const errors: FieldError[] = draft.travelers.flatMap((x, i) =>
    flagged.includes(x.id) && !photos[x.id] ? [{ fieldId: `photo-${x.id}`, message: t("missing", { name: nameOf(i) }) }] : [],
  );

  const change = async (travelerId: string, photo: Blob | null) => {
    await savePhoto(travelerId, photo);
    setPhotos((p) => ({ ...p, [travelerId]: photo }));
    if (!photo) return;
    const following = draft.travelers.find((x) => x.id !== travelerId && !photos[x.id])?.id ?? null;
    setOpen(following);
    focusNext.current = following ? `photo-${following}` : CONTINUE_ID;
  };
  const proceed = () => {
    const missing = draft.travelers.filter((x) => !photos[x.id]);
    setFlagged(missing.map((x) => x.id));
    if (missing.length === 0) router.push(next());
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      {intro}
      <ul className="mb-6 space-y-4">
        {draft.travelers.map((traveler, i) => {
          const name = nameOf(i);
          const error = errors.find((e) => e.fieldId === `photo-${traveler.id}`);
          return (
            <li key={traveler.id} id={`photo-${traveler.id}`} tabIndex={-1} className={`border-2 p-3 ${error ? "border-red-700 border-s-8" : "border-gray-300"}`}>
              <h2 className="text-xl font-bold">{name}</h2>
              {error && <p className="font-semibold text-red-800">{error.message}</p>}
              <p className="mb-2">{photos[traveler.id] ? t("done") : t("notYet")}</p>
              {open === traveler.id ? (
                <PhotoCapture travelerLabel={name} photo={photos[traveler.id] ?? null} onChange={(photo) => change(traveler.id, photo)} />
              ) : (
                <button type="button" className="button-secondary" onClick={() => setOpen(traveler.id)}>
                  {photos[traveler.id] ? t("retake", { name }) : t("take", { name })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" id={CONTINUE_ID} onClick={proceed} className="button-primary">{t("continue")}</button>
    </>
  );
}
