"use client";
import { useTranslations } from "next-intl";
import { useState, type SyntheticEvent } from "react";
import type { LiveHint } from "./frame-check";
import { FileChoice, Guidance } from "./photo-ui";
import type { CameraError, CameraStatus } from "./use-camera";

interface CameraViewProps {
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

/** The live camera with its framing oval and hints, or, if the camera failed, the ways forward. */
export function CameraView({ name, status, error, videoRef, hint, onCapture, onRetry, onClose, onFile }: CameraViewProps) {
  const t = useTranslations("photo");
  // Portrait 3:4 until the stream reports its real size (it changes when the phone turns).
  const [size, setSize] = useState({ width: 3, height: 4 });
  // "live" means the stream exists; a frame to photograph arrives a moment later.
  const [hasFrame, setHasFrame] = useState(false);
  const ready = status === "live" && hasFrame;
  const syncSize = ({ currentTarget: v }: SyntheticEvent<HTMLVideoElement>) => {
    if (v.videoWidth && v.videoHeight) setSize({ width: v.videoWidth, height: v.videoHeight });
  };

  if (status === "error") {
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

  const ratio = size.width / size.height;
  return (
    <div>
      {/* The box has the stream's own shape, so the oval sits where analyze.ts measures from. */}
      <div
        className="relative mx-auto overflow-hidden rounded bg-black"
        style={{ aspectRatio: `${size.width} / ${size.height}`, width: `min(100%, calc(60vh * ${ratio}))` }}
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
      <p className="mt-2 text-center text-lg">{t("guide")}</p>
      {/* Present from the start, so screen readers pick up each change; it changes only when the hint does. */}
      <div role="status" aria-live="polite" className="mt-2 min-h-14">
        {!ready ? (
          <p className="text-lg">{t("starting")}</p>
        ) : (
          hint && <Guidance ok={hint === "good"}>{hint === "good" ? t("hintGood") : t(`problems.${hint}`)}</Guidance>
        )}
      </div>
      <div className="mt-2 flex flex-col gap-3">
        {/* Always enabled once there is a picture: the hints guide, they never decide. */}
        {ready && (
          <button type="button" className="button-primary gap-2" onClick={onCapture}>
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M4 8h3l2-3h6l2 3h3v11H4z" strokeLinejoin="round" />
              <circle cx="12" cy="13" r="3.5" />
            </svg>
            {t("takePhoto")}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={onClose}>{t("closeCamera")}</button>
        <FileChoice label={t("choosePhoto")} onFile={onFile} />
      </div>
    </div>
  );
}

/** A face-shaped oval with the rest dimmed. Drawn in the stream's pixel units, centred like the check. */
function OvalGuide({ width, height }: { width: number; height: number }) {
  const rx = 0.27 * Math.min(width, height);
  const ry = 1.3 * rx;
  const [cx, cy] = [width / 2, height / 2];
  const oval = `M${cx - rx} ${cy}a${rx} ${ry} 0 1 0 ${2 * rx} 0a${rx} ${ry} 0 1 0 ${-2 * rx} 0z`;
  return (
    <svg aria-hidden="true" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="pointer-events-none absolute inset-0 size-full">
      <path d={`M0 0H${width}V${height}H0z${oval}`} fillRule="evenodd" fill="rgb(0 0 0 / 0.45)" />
      {/* Dark under light: the outline stays visible against a bright wall and in a dark room. */}
      <path d={oval} fill="none" stroke="black" strokeWidth="6" vectorEffect="non-scaling-stroke" />
      <path d={oval} fill="none" stroke="white" strokeWidth="3" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
