"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ComponentProps, type ComponentType } from "react";
import type { PhotoCapture } from "@/components/camera/photo-capture";

type Props = ComponentProps<typeof PhotoCapture>;

// The camera, its live hints and the photo checks are loaded only for a person who has a photo to
// send: every other visit to "My appointment" (most of them) costs a cheap phone none of it.
const load = () => import("@/components/camera/photo-capture").then((module) => module.PhotoCapture);

/**
 * The booking flow's photo capture, fetched on first use. Before the service worker has stored the
 * scripts, the fetch can fail without a connection: then it says so and offers to try again,
 * instead of breaking the page.
 */
export function LazyPhotoCapture(props: Props) {
  const t = useTranslations("appointment.newPhoto");
  const [Capture, setCapture] = useState<ComponentType<Props> | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setCapture(() => loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (Capture) return <Capture {...props} />;
  if (failed) {
    return (
      <div>
        <p role="alert" className="mb-4 border-s-4 border-red-700 ps-3 text-lg">{t("loadFailed")}</p>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setFailed(false);
            setAttempt((n) => n + 1);
          }}
        >
          {t("retry")}
        </button>
      </div>
    );
  }
  return <p className="text-lg">{t("loading")}</p>;
}
