"use client";
import { useCallback, useEffect, useRef, useState } from "react";

export type CameraError = "denied" | "no_camera" | "in_use" | "unknown";
export type CameraStatus = "off" | "starting" | "live" | "error";

// 4:3 at 1280 px is what most cheap front cameras deliver natively, so the browser does not have
// to scale; the photo is reduced to 960 px afterwards. "ideal" never fails: a weaker camera just
// gives less.
const CONSTRAINTS: MediaStreamConstraints = {
  video: { facingMode: "user", width: { ideal: 1280 }, height: { ideal: 960 } },
  audio: false,
};

function errorKind(error: unknown): CameraError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "no_camera";
  if (name === "NotReadableError" || name === "AbortError") return "in_use";
  return "unknown";
}

/**
 * The front camera as a stream on a <video>. Every way out (stop, unmount, a newer start) stops
 * all tracks: a camera left running drains a cheap phone's battery and keeps its light on.
 */
export function useCamera() {
  const [status, setStatus] = useState<CameraStatus>("off");
  const [error, setError] = useState<CameraError | null>(null);
  const video = useRef<HTMLVideoElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  // Bumped by every start and stop, so a permission prompt answered after the person has already
  // left the camera does not bring a stream back to life.
  const generation = useRef(0);

  const release = useCallback(() => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);

  const stop = useCallback(() => {
    generation.current++;
    release();
    setStatus("off");
  }, [release]);

  const start = useCallback(async () => {
    const mine = ++generation.current;
    release();
    setError(null);
    // mediaDevices is missing on old browsers and on pages not served over HTTPS.
    if (!navigator.mediaDevices?.getUserMedia) {
      setError("no_camera");
      setStatus("error");
      return;
    }
    setStatus("starting");
    try {
      const media = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
      if (mine !== generation.current) {
        media.getTracks().forEach((track) => track.stop());
        return;
      }
      stream.current = media;
      if (video.current) video.current.srcObject = media;
      // Another app can take the camera away (a call, the camera app): say so instead of freezing.
      media.getVideoTracks()[0]?.addEventListener("ended", () => {
        if (mine !== generation.current) return;
        release();
        setError("in_use");
        setStatus("error");
      });
      setStatus("live");
    } catch (caught) {
      if (mine !== generation.current) return;
      setError(errorKind(caught));
      setStatus("error");
    }
  }, [release]);

  // A callback ref: the <video> may mount before or after the stream arrives.
  const videoRef = useCallback((element: HTMLVideoElement | null) => {
    video.current = element;
    if (element && stream.current) element.srcObject = stream.current;
  }, []);

  useEffect(
    () => () => {
      generation.current++;
      release();
    },
    [release],
  );

  return { status, error, start, stop, videoRef, video };
}
