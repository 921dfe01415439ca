"use client";
import { useEffect, useState, type RefObject } from "react";
import { analyzeFrame, type FaceBox, type QualityProblem, type QualityReport } from "@/lib/photos/client/analyze";
import { compressPhoto, fileToPhoto } from "@/lib/photos/client/compress";

// Frames are analysed at 320 px wide, live and after capture alike, so the thresholds in
// lib/photos/client/analyze.ts (calibrated at that size) mean the same thing in both places.
const ANALYSIS_WIDTH = 320;
const LIVE_INTERVAL_MS = 700;

// The Shape Detection API is not in TypeScript's DOM types; only what is used here.
interface DetectedFace {
  boundingBox: DOMRectReadOnly;
}
interface FaceDetectorLike {
  detect(image: CanvasImageSource): Promise<DetectedFace[]>;
}
type FaceDetectorConstructor = new (options: { fastMode: boolean; maxDetectedFaces: number }) => FaceDetectorLike;

// undefined: not tried yet; null: unavailable here, so no face checks at all (never "no_face").
let detector: FaceDetectorLike | null | undefined;

function faceDetector(): FaceDetectorLike | null {
  if (detector !== undefined) return detector;
  detector = null;
  try {
    if ("FaceDetector" in window) {
      const FaceDetector = (window as unknown as { FaceDetector: FaceDetectorConstructor }).FaceDetector;
      detector = new FaceDetector({ fastMode: true, maxDetectedFaces: 3 });
    }
  } catch {
    // Constructing can throw where the API is exposed but not backed by the platform.
  }
  return detector;
}

async function detectFace(canvas: HTMLCanvasElement): Promise<FaceBox | null | undefined> {
  const active = faceDetector();
  if (!active) return undefined;
  try {
    const faces = await active.detect(canvas);
    if (faces.length === 0) return null;
    // Someone else may be in the picture: the largest face is the one being photographed.
    const { x, y, width, height } = faces.map((f) => f.boundingBox).sort((a, b) => b.width - a.width)[0];
    return { x, y, width, height };
  } catch {
    // e.g. NotSupportedError on desktops without a detection backend: stop trying, and stop
    // making face hints rather than reporting a face as missing.
    detector = null;
    return undefined;
  }
}

/** Scales `source` to 320 px wide on `canvas`, then runs the quality checks (and face detection). */
async function checkFrame(
  source: CanvasImageSource,
  width: number,
  height: number,
  canvas: HTMLCanvasElement = document.createElement("canvas"),
): Promise<QualityReport | null> {
  if (!(width > 0 && height > 0)) return null;
  canvas.width = Math.min(ANALYSIS_WIDTH, width);
  canvas.height = Math.max(1, Math.round((height * canvas.width) / width));
  // willReadFrequently keeps the canvas in CPU memory, so getImageData does not stall on the GPU.
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const frame = context.getImageData(0, 0, canvas.width, canvas.height);
  return analyzeFrame(frame, await detectFace(canvas));
}

export interface CheckedPhoto {
  photo: Blob;
  problems: QualityProblem[];
}

/** The current video frame at full resolution, drawn straight from the stream: not mirrored. */
export function grabFrame(video: HTMLVideoElement): HTMLCanvasElement | null {
  if (video.readyState < 2 || !video.videoWidth) return null;
  const frame = document.createElement("canvas");
  [frame.width, frame.height] = [video.videoWidth, video.videoHeight];
  const context = frame.getContext("2d");
  if (!context) return null;
  context.drawImage(video, 0, 0, frame.width, frame.height);
  return frame;
}

/** Compresses and checks a grabbed frame, then frees it (~5 MB) rather than waiting for GC. */
export async function photoFromFrame(frame: HTMLCanvasElement): Promise<CheckedPhoto> {
  const { width, height } = frame;
  try {
    const [photo, report] = await Promise.all([compressPhoto(frame, width, height), checkFrame(frame, width, height)]);
    return { photo, problems: report?.problems ?? [] };
  } finally {
    [frame.width, frame.height] = [0, 0];
  }
}

/** A chosen file, decoded upright, compressed, and checked the same way as a camera photo. */
export async function photoFromFile(file: File): Promise<CheckedPhoto> {
  const photo = await fileToPhoto(file);
  let problems: QualityProblem[] = [];
  try {
    const bitmap = await createImageBitmap(photo);
    try {
      problems = (await checkFrame(bitmap, bitmap.width, bitmap.height))?.problems ?? [];
    } finally {
      bitmap.close();
    }
  } catch {
    // The photo itself is fine (it was just encoded); only the advice is missing.
  }
  return { photo, problems };
}

export type LiveHint = QualityProblem | "good" | null;

/**
 * The most useful hint for the live camera, refreshed every ~700 ms. A hint is shown only once it
 * has been seen twice in a row, so it does not flicker and the aria-live region is not read out
 * over and over while someone moves.
 */
export function useLiveHint(video: RefObject<HTMLVideoElement | null>, active: boolean): LiveHint {
  const [hint, setHint] = useState<LiveHint>(null);
  useEffect(() => {
    if (!active) return;
    const canvas = document.createElement("canvas");
    let stopped = false;
    let busy = false;
    let previous: LiveHint = null;
    const timer = setInterval(async () => {
      const element = video.current;
      // readyState 2: a frame is available. A hidden page needs no hints.
      if (busy || document.hidden || !element || element.readyState < 2) return;
      busy = true;
      try {
        const report = await checkFrame(element, element.videoWidth, element.videoHeight, canvas);
        const next: LiveHint = report ? (report.problems[0] ?? "good") : null;
        if (!stopped && next === previous) setHint(next);
        previous = next;
      } catch {
        // A frame that cannot be read (e.g. the camera just stopped) is skipped.
      } finally {
        busy = false;
      }
    }, LIVE_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      canvas.width = 0;
      setHint(null);
    };
  }, [active, video]);
  return hint;
}
