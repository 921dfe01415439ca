import "client-only";
// Browser-only: turns a camera frame or a chosen file into a small JPEG before it is stored and
// sent. A cheap phone on a prepaid plan pays for every byte, and the server re-encodes to at most
// 1024 px anyway (lib/photos/server/process.ts), so sending a 4 MB original would only cost the person.

export interface CompressOptions {
  /** Longest side of the result, in pixels. Enough for an officer to recognise a face. */
  maxSide?: number;
  /** Size to get under, lowering JPEG quality step by step. */
  targetBytes?: number;
}

// Each encode of a 960 px frame takes tens of milliseconds on a weak CPU, so few, coarse steps.
const QUALITY_STEPS = [0.85, 0.75, 0.65, 0.55, 0.5] as const;

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("compressPhoto: the canvas could not be encoded"))),
      "image/jpeg",
      quality,
    );
  });
}

/**
 * Draws `source` (unmirrored, as the camera saw it) scaled to fit `maxSide` and encodes it as
 * JPEG, lowering the quality until it is under `targetBytes`. If even the lowest step is larger,
 * that smallest result is returned: the size is a goal, never a reason to refuse a photo.
 */
export async function compressPhoto(
  source: CanvasImageSource & { width?: number },
  sourceWidth: number,
  sourceHeight: number,
  options: CompressOptions = {},
): Promise<Blob> {
  // 640 px is what the server keeps (lib/photos): sending more would cost data and buy nothing.
  const { maxSide = 640, targetBytes = 70_000 } = options;
  if (!(sourceWidth > 0 && sourceHeight > 0)) throw new RangeError("compressPhoto: the source has no size");
  const scale = Math.min(1, maxSide / Math.max(sourceWidth, sourceHeight));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(sourceWidth * scale));
  canvas.height = Math.max(1, Math.round(sourceHeight * scale));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("compressPhoto: no 2D canvas");
  // JPEG has no transparency: a transparent PNG would otherwise turn black.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = "high";
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  try {
    let smallest: Blob | null = null;
    for (const quality of QUALITY_STEPS) {
      const blob = await encode(canvas, quality);
      if (!smallest || blob.size < smallest.size) smallest = blob;
      if (blob.size <= targetBytes) return blob;
    }
    return smallest!;
  } finally {
    // Mobile browsers cap the total canvas memory; release it now rather than at garbage collection.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/**
 * Decodes a chosen file upright (phones store the rotation in EXIF) and compresses it. Throws if
 * the file cannot be decoded; the caller then asks for another photo.
 */
export async function fileToPhoto(file: File): Promise<Blob> {
  const decoded = await decodeUpright(file);
  try {
    return await compressPhoto(decoded.source, decoded.width, decoded.height);
  } finally {
    decoded.release();
  }
}

interface Decoded {
  source: ImageBitmap | HTMLImageElement;
  width: number;
  height: number;
  release: () => void;
}

async function decodeUpright(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === "function") {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
      // close() frees the decoded pixels at once (tens of MB for a 12 Mpx photo).
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    } catch {
      // Older WebViews reject the options argument; an <img> decodes the same file, also upright.
    }
  }
  const url = URL.createObjectURL(file);
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  // naturalWidth/Height are the upright size: browsers apply EXIF orientation to <img> by default.
  return {
    source: image,
    width: image.naturalWidth,
    height: image.naturalHeight,
    release: () => URL.revokeObjectURL(url),
  };
}
