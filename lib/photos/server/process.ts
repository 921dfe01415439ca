import "server-only";
import sharp, { type Metadata } from "sharp";
import { readJpeg } from "./jpeg-segments";
import { sniffImageType, type PhotoType } from "./sniff";

// libvips' operation cache only pays off when the same input is processed repeatedly; every
// upload is unique, so it would just hold up to 50 MB of memory (and references to past
// uploads) per process. This is process-wide, which is fine: nothing else should cache either.
sharp.cache(false);
// Thread settings are deliberately left at sharp's defaults: sharp.concurrency() (libvips
// threads per image) defaults to the core count, or 1 on glibc without jemalloc to limit memory
// fragmentation; how many images run at once is bounded by libuv's threadpool
// (UV_THREADPOOL_SIZE, default 4), so a burst of uploads queues instead of multiplying memory.

export const PHOTO_LIMITS = {
  // A cheap phone's photo is ~100 KB and a 12 Mpx one rarely exceeds 4 MB; the whole upload is
  // held in memory, so anything bigger is refused before it is looked at.
  maxBytes: 5 * 1024 * 1024,
  // Covers 6000×4000 (24 Mpx) sensors. Checked from the header alone, so a decompression bomb
  // is refused before any pixel is decoded; 24 Mpx RGB is ~72 MB, the most one photo can cost.
  maxPixels: 24_000_000,
  // Refuses degenerate strips (e.g. 20000×1000) that pass the pixel count.
  maxSide: 8192,
  // A passport photo is 600 px across: 640 is enough to recognise a face on an officer's screen,
  // keeps stored photos near 50 KB, and lets JPEG decode at reduced scale (the benchmark showed
  // re-encoding is most of a booking's CPU).
  outputMaxSide: 640,
} as const;

// Generous for a ≤24 Mpx image (~0.1 s typical); stops a pathological file from holding one
// of the few libuv threads for long.
const DECODE_TIMEOUT_SECONDS = 10;

export type PhotoRejectReason = "not_an_image" | "too_large" | "too_many_pixels" | "undecodable";

export class PhotoRejected extends Error {
  constructor(
    public readonly reason: PhotoRejectReason,
    options?: { cause?: unknown },
  ) {
    super(`photo rejected: ${reason}`, options);
    this.name = "PhotoRejected";
  }
}

/** Size and magic bytes: what is refused before the image is looked at. Throws PhotoRejected. */
function checkBytes(bytes: Uint8Array): PhotoType {
  if (bytes.byteLength > PHOTO_LIMITS.maxBytes) throw new PhotoRejected("too_large");
  const type = sniffImageType(bytes);
  if (type === null) throw new PhotoRejected("not_an_image");
  return type;
}

/** Refuses a decompression bomb (or a degenerate strip) from the dimensions its header declares. */
function checkDimensions(width: number, height: number): void {
  if (width * height > PHOTO_LIMITS.maxPixels || Math.max(width, height) > PHOTO_LIMITS.maxSide) {
    throw new PhotoRejected("too_many_pixels");
  }
}

/**
 * The checks that need no pixels: size, magic bytes, and the header's own account of the image
 * (format agreeing with the magic bytes, dimensions within limits). Throws PhotoRejected.
 */
async function checkHeader(bytes: Uint8Array): Promise<{ type: PhotoType; meta: Metadata }> {
  const type = checkBytes(bytes);
  // Header only: no pixels are decoded here. The size check is ours rather than sharp's
  // limitInputPixels, so the rejection reason does not depend on sharp's error wording.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: "error" }).metadata();
  } catch (cause) {
    throw new PhotoRejected("undecodable", { cause });
  }
  // libvips sniffs on its own; a mismatch means the magic bytes were a disguise.
  if (meta.format !== type || !meta.width || !meta.height) throw new PhotoRejected("undecodable");
  checkDimensions(meta.width, meta.height);
  return { type, meta };
}

/** What a booking stores of a photo: ready (re-encoded) or pending (re-encoded in the background). */
export type AcceptedPhoto = { status: "ready"; bytes: Buffer } | { status: "pending"; bytes: Buffer };

/**
 * The booking request's share of a photo. A JPEG (what the app sends) is checked from its header
 * and structure and stored with its metadata segments already removed (lib/photos/server/jpeg-segments),
 * and re-encoded later, off the request (lib/photos/server/pending.ts): decoding and re-encoding were
 * half of a booking's CPU, and on the morning slots open every core is needed for the bookings.
 * PNG and WebP (other clients; their text chunks are harder to strip safely) are re-encoded now.
 */
export async function acceptPhoto(bytes: Uint8Array): Promise<AcceptedPhoto> {
  if (checkBytes(bytes) !== "jpeg") return { status: "ready", bytes: (await normalizePhoto(bytes)).jpeg };
  // The JPEG's own header, read in JavaScript: no call into sharp on the booking path.
  const jpeg = readJpeg(bytes);
  if (jpeg === null) throw new PhotoRejected("undecodable");
  checkDimensions(jpeg.width, jpeg.height);
  const { stripped } = jpeg;
  return { status: "pending", bytes: Buffer.from(stripped.buffer, stripped.byteOffset, stripped.byteLength) };
}

/**
 * Turns an untrusted upload into a small, upright, metadata-free sRGB JPEG, or throws
 * PhotoRejected. Cheap checks run first, so hostile input costs as little as possible.
 */
export async function normalizePhoto(
  bytes: Uint8Array,
): Promise<{ jpeg: Buffer; width: number; height: number }> {
  await checkHeader(bytes);

  try {
    // failOn "error" refuses corrupt or truncated data but tolerates the harmless libjpeg
    // warnings some cheap phones' encoders trigger. limitInputPixels stays as a second guard.
    const { data, info } = await sharp(bytes, {
      limitInputPixels: PHOTO_LIMITS.maxPixels,
      failOn: "error",
      sequentialRead: true,
    })
      // Apply the EXIF orientation to the pixels, because the EXIF block is about to go.
      .rotate()
      .resize({
        width: PHOTO_LIMITS.outputMaxSide,
        height: PHOTO_LIMITS.outputMaxSide,
        fit: "inside",
        withoutEnlargement: true,
      })
      // JPEG has no alpha: transparent PNG/WebP areas would otherwise come out black.
      .flatten({ background: "#ffffff" })
      // Embedded profiles (Display P3, CMYK...) are converted, then dropped with the rest.
      .toColourspace("srgb")
      // No withMetadata/keepExif/keepIccProfile/keepXmp: sharp then writes no EXIF (GPS,
      // device, timestamps), ICC, XMP, IPTC or comments. The tests check the bytes.
      // Plain libjpeg-turbo settings: mozjpeg makes slightly smaller files at several times the
      // CPU, which the photo path cannot spare when slots open.
      .jpeg({ quality: 80 })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
    return { jpeg: data, width: info.width, height: info.height };
  } catch (cause) {
    throw new PhotoRejected("undecodable", { cause });
  }
}
