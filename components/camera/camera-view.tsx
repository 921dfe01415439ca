"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from "react";
import type { LiveHint } from "./frame-check";
import { OvalGuide } from "./oval-guide";
import { FileChoice, Guidance } from "./photo-ui";
import type { CameraError, CameraStatus } from "./use-camera";

interface CameraViewProps {
  title: string;
  /** The heading's ref: the capture moves the focus to it when the view changes. */
  headingRef: (element: HTMLElement | null) => void;
  name: string;
  status: CameraStatus;
  error: CameraError | null;
  videoRef: (element: HTMLVideoElement | null) => void;
  hint: LiveHint;
  onCapture: () => void;
  onRetry: () => void;
  onClose: () => void;
  onFile: (file: File) => void;
}

const HEADING = "text-xl font-bold focus:outline-none";

/** The live camera, full screen with the shutter at the bottom, or, if the camera failed, the ways forward. */
export function CameraView(props: CameraViewProps) {
  const { title, headingRef, status } = props;
  // The live camera is a dialog that goes away when the camera fails, and comes back when it is
  // tried again: the focus would be lost with the view it was in, so it moves to the new heading.
  const heading = useRef<HTMLElement | null>(null);
  const setHeading = useCallback(
    (element: HTMLElement | null) => {
      heading.current = element;
      headingRef(element);
    },
    [headingRef],
  );
  const failed = status === "error";
  const wasFailed = useRef(failed);
  useEffect(() => {
    if (failed !== wasFailed.current) heading.current?.focus();
    wasFailed.current = failed;
  }, [failed]);

  if (failed) {
    return (
      <>
        <h3 ref={setHeading} tabIndex={-1} className={`mb-3 ${HEADING}`}>{title}</h3>
        <CameraFailed {...props} />
      </>
    );
  }
  return <LiveCamera {...props} headingRef={setHeading} />;
}

function CameraFailed({ error, onRetry, onClose, onFile }: CameraViewProps) {
  const t = useTranslations("photo");
  return (
    <div>
      <p role="alert" className="border-s-4 border-red-700 ps-3 text-lg">{t(`cameraErrors.${error ?? "unknown"}`)}</p>
      <div className="mt-4 flex flex-col gap-3">
        <FileChoice primary capture label={t("useCameraApp")} onFile={onFile} />
        {error !== "no_camera" && (
          <button type="button" className="button-secondary" onClick={onRetry}>{t("tryCameraAgain")}</button>
        )}
        <FileChoice label={t("choosePhoto")} onFile={onFile} />
        <button type="button" className="button-secondary" onClick={onClose}>{t("cancel")}</button>
      </div>
    </div>
  );
}

/**
 * The camera fills the screen, as a phone's camera app does, so the shutter is always where the
 * thumb is: in a bar at the bottom (at the side, in landscape), below the picture rather than over
 * the face guide, inside the screen's safe area. A modal <dialog> keeps the keyboard and screen
 * readers inside it; Escape (and Android's back gesture) closes the camera.
 */
function LiveCamera({ title, headingRef, name, status, videoRef, hint, onCapture, onClose, onFile }: CameraViewProps) {
  const t = useTranslations("photo");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Portrait 3:4 until the stream reports its real size (it changes when the phone turns).
  const [size, setSize] = useState({ width: 3, height: 4 });
  // "live" means the stream exists; a frame to photograph arrives a moment later.
  const [hasFrame, setHasFrame] = useState(false);
  const ready = status === "live" && hasFrame;
  const syncSize = ({ currentTarget: v }: SyntheticEvent<HTMLVideoElement>) => {
    if (v.videoWidth && v.videoHeight) setSize({ width: v.videoWidth, height: v.videoHeight });
  };

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const ratio = size.width / size.height;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="fixed inset-0 m-0 size-full max-h-none max-w-none overflow-hidden bg-white p-0 text-gray-950"
    >
      <div
        className="grid size-full grid-cols-1 grid-rows-[auto_minmax(0,1fr)_auto_auto] landscape:grid-cols-[minmax(0,1fr)_minmax(15rem,45%)] landscape:grid-rows-[auto_minmax(0,1fr)_auto]"
        style={{ paddingTop: "env(safe-area-inset-top)", paddingLeft: "env(safe-area-inset-left)", paddingRight: "env(safe-area-inset-right)" }}
      >
        <h3 ref={headingRef} id={titleId} tabIndex={-1} className={`px-4 py-2 landscape:col-span-2 ${HEADING}`}>{title}</h3>
        {/* Sized as a container, so the picture can keep the stream's shape and still fit both ways. */}
        <div className="relative flex items-center justify-center overflow-hidden bg-black [container-type:size] landscape:col-start-1 landscape:row-span-2 landscape:row-start-2">
          {/* The box has the stream's own shape, so the oval sits where analyze.ts measures from. */}
          <div
            className="relative w-full"
            style={{ aspectRatio: `${size.width} / ${size.height}`, width: `min(100cqw, calc(100cqh * ${ratio}))` }}
          >
            <video
              ref={videoRef}
              playsInline
              muted
              autoPlay
              aria-label={t("cameraLabel", { name })}
              onLoadedMetadata={syncSize}
              onResize={syncSize}
              onLoadedData={() => setHasFrame(true)}
              onEmptied={() => setHasFrame(false)}
              // Mirrored like a mirror, which is how people expect to see themselves; the captured photo
              // is drawn from the stream and is not mirrored. transform (not Tailwind's `scale`
              // property) also works on older Android WebViews.
              style={{ transform: "scaleX(-1)" }}
              className="absolute inset-0 size-full object-cover"
            />
            <OvalGuide width={size.width} height={size.height} />
          </div>
        </div>
        {/* Scrolls on its own if the words are long, so the bar below never leaves the screen. */}
        <div className="overflow-y-auto px-4 pt-2 landscape:col-start-2 landscape:row-start-2">
          <p className="text-lg">{t("guide")}</p>
          {/* Present from the start, so screen readers pick up each change; it changes only when the hint does. */}
          <div role="status" aria-live="polite" className="mt-1 min-h-14">
            {!ready ? (
              <p className="text-lg">{t("starting")}</p>
            ) : (
              hint && <Guidance ok={hint === "good"}>{hint === "good" ? t("hintGood") : t(`problems.${hint}`)}</Guidance>
            )}
          </div>
        </div>
        <div className="grid grid-cols-2 gap-3 px-4 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 landscape:col-start-2 landscape:row-start-3">
          {/* Always enabled once there is a picture: the hints guide, they never decide. Until then
              its place is kept, so nothing moves under the thumb when it appears. */}
          {ready ? (
            <button type="button" className="button-primary col-span-2 min-h-14 gap-2" onClick={onCapture}>
              <svg aria-hidden="true" viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth="2">
                <path d="M4 8h3l2-3h6l2 3h3v11H4z" strokeLinejoin="round" />
                <circle cx="12" cy="13" r="3.5" />
              </svg>
              {t("takePhoto")}
            </button>
          ) : (
            <div aria-hidden="true" className="col-span-2 min-h-14" />
          )}
          <button type="button" className="button-secondary px-2" onClick={onClose}>{t("closeCamera")}</button>
          <FileChoice label={t("choosePhoto")} onFile={onFile} />
        </div>
      </div>
    </dialog>
  );
}
