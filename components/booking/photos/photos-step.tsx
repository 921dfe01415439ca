"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ErrorSummary, type FieldError } from "@/components/form/error-summary";
import { displayName } from "@/lib/scheduling/client/draft";
import { loadPhoto, savePhoto } from "@/lib/scheduling/client/draft-store";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { PhotoCapture } from "@/components/camera/photo-capture";
import { useDraft } from "@/components/booking/use-draft";
import { useReturnTo } from "@/components/booking/use-return-to";

/** One photo per traveler, taken one at a time; the camera runs only for the open one. */
export function PhotosStep() {
  const t = useTranslations("photos");
  const router = useRouter();
  const next = useReturnTo("/book/port");
  const { draft } = useDraft();
  const [photos, setPhotos] = useState<Record<string, Blob | null>>({});
  const [open, setOpen] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);

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

  const change = async (travelerId: string, photo: Blob | null) => {
    await savePhoto(travelerId, photo);
    setPhotos((p) => ({ ...p, [travelerId]: photo }));
    if (photo) setOpen(draft.travelers.find((x) => x.id !== travelerId && !photos[x.id])?.id ?? null);
  };
  const proceed = () => {
    const missing = draft.travelers.filter((x) => !photos[x.id]);
    setErrors(missing.map((x, i) => ({ fieldId: `photo-${x.id}`, message: t("missing", { name: displayName(x) || String(i + 1) }) })));
    if (missing.length === 0) router.push(next());
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      {intro}
      <ul className="mb-6 space-y-4">
        {draft.travelers.map((traveler, i) => {
          const name = displayName(traveler) || t("travelerNumber", { number: i + 1 });
          return (
            <li key={traveler.id} id={`photo-${traveler.id}`} tabIndex={-1} className="border-2 border-gray-300 p-3">
              <h2 className="text-xl font-bold">{name}</h2>
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
      <button type="button" onClick={proceed} className="button-primary">{t("continue")}</button>
    </>
  );
}
