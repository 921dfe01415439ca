"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { QualityProblem } from "@/lib/photos/client/analyze";
import { CameraView } from "./camera-view";
import { grabFrame, photoFromFile, photoFromFrame, useLiveHint, type CheckedPhoto } from "./frame-check";
import { PhotoReview } from "./photo-review";
import { FileChoice } from "./photo-ui";
import { useCamera } from "./use-camera";
import { useObjectUrl } from "./use-object-url";

type View =
  | { kind: "intro" }
  | { kind: "camera" }
  | { kind: "working" }
  | { kind: "review"; photo: Blob; problems: QualityProblem[] }
  | { kind: "done" };

/**
 * The face photo of one traveler: explanation, live camera with guidance, review, done. The
 * quality checks only advise; any photo the person chooses can be used, and a file picker is
 * always there for when the camera cannot be used.
 */
export function PhotoCapture({ travelerLabel, photo, onChange }: { travelerLabel: string; photo: Blob | null; onChange: (photo: Blob | null) => void }) {
  const t = useTranslations("photo");
  const camera = useCamera();
  const [view, setView] = useState<View>(photo ? { kind: "done" } : { kind: "intro" });
  // Shown until the parent passes the saved photo back in (saving may be asynchronous).
  const [chosen, setChosen] = useState<Blob | null>(null);
  const [fileError, setFileError] = useState(false);
  const hint = useLiveHint(camera.video, view.kind === "camera" && camera.status === "live");
  const saved = photo ?? chosen;
  const thumbnail = useObjectUrl(view.kind === "done" ? saved : null);
  const name = travelerLabel;

  // The button just pressed disappears with each change of view, so focus moves to the new view's
  // heading: keyboard and screen-reader users continue from there instead of from the page top.
  const heading = useRef<HTMLElement | null>(null);
  const headingRef = useCallback((element: HTMLElement | null) => void (heading.current = element), []);
  const shownKind = useRef(view.kind);
  useEffect(() => {
    if (shownKind.current === view.kind) return;
    shownKind.current = view.kind;
    // The review starts at its heading, so the photo, what could be better and "Use this photo"
    // fit on a small phone's screen together (360 × 740) instead of the decision below the fold.
    const review = view.kind === "review";
    heading.current?.focus({ preventScroll: review });
    if (review) heading.current?.scrollIntoView({ block: "start" });
  }, [view.kind]);

  const home = (): View => (saved ? { kind: "done" } : { kind: "intro" });
  const openCamera = () => {
    setFileError(false);
    setView({ kind: "camera" });
    void camera.start();
  };
  const closeCamera = () => {
    camera.stop();
    setView(home());
  };

  const run = async (work: () => Promise<CheckedPhoto>) => {
    setView({ kind: "working" });
    try {
      setView({ kind: "review", ...(await work()) });
    } catch {
      setFileError(true);
      setView(home());
    }
  };
  const capture = () => {
    const video = camera.video.current;
    const frame = video && grabFrame(video);
    if (!frame) return;
    camera.stop(); // the frame is kept; the camera (and its battery use) is not needed any more
    void run(() => photoFromFrame(frame));
  };
  const chooseFile = (file: File) => {
    camera.stop();
    setFileError(false);
    void run(() => photoFromFile(file));
  };

  const use = (blob: Blob) => {
    setChosen(blob);
    setView({ kind: "done" });
    onChange(blob);
  };

  const headingClass = "mb-3 text-xl font-bold focus:outline-none";
  const kind = view.kind === "done" && !saved ? "intro" : view.kind;
  return (
    <section className="text-start">
      {fileError && <p role="alert" className="mb-3 border-s-4 border-red-700 ps-3 text-lg">{t("fileError")}</p>}
      {kind === "intro" && (
        <>
          <h3 ref={headingRef} tabIndex={-1} className={headingClass}>{t("title", { name })}</h3>
          <p className="text-lg">{t("intro")}</p>
          <ul className="my-3 list-disc space-y-1 ps-6 text-lg">
            <li>{t("tipLight")}</li>
            <li>{t("tipHold")}</li>
          </ul>
          <p className="mb-4 text-lg">{t("adviceOnly")}</p>
          <div className="flex flex-col gap-3">
            <button type="button" className="button-primary" onClick={openCamera}>{t("openCamera")}</button>
            <FileChoice label={t("choosePhoto")} onFile={chooseFile} />
          </div>
        </>
      )}
      {kind === "camera" && (
        <CameraView
          title={t("cameraTitle", { name })}
          headingRef={headingRef}
          name={name}
          status={camera.status}
          error={camera.error}
          videoRef={camera.videoRef}
          hint={hint}
          onCapture={capture}
          onRetry={() => void camera.start()}
          onClose={closeCamera}
          onFile={chooseFile}
        />
      )}
      {kind === "working" && (
        <p ref={headingRef} tabIndex={-1} role="status" className="text-lg focus:outline-none">{t("working")}</p>
      )}
      {view.kind === "review" && (
        <>
          <h3 ref={headingRef} tabIndex={-1} className={headingClass}>{t("reviewTitle")}</h3>
          <PhotoReview name={name} photo={view.photo} problems={view.problems} onUse={() => use(view.photo)} onRetake={openCamera} onFile={chooseFile} />
        </>
      )}
      {kind === "done" && (
        <>
          <h3 ref={headingRef} tabIndex={-1} className={headingClass}>{t("doneTitle", { name })}</h3>
          {thumbnail && (
            // A blob: URL made here; next/image cannot optimise it and has nothing to add.
            <img src={thumbnail} alt={t("savedAlt", { name })} className="mb-4 size-32 rounded border-2 border-gray-700 object-cover" />
          )}
          <div className="flex flex-col gap-3">
            <button type="button" className="button-secondary" onClick={openCamera}>{t("takeAgain")}</button>
            <FileChoice label={t("choosePhoto")} onFile={chooseFile} />
          </div>
        </>
      )}
    </section>
  );
}
