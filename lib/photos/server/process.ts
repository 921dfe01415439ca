import "server-only";
import sharp, { type Metadata } from "sharp";
import { jpegDataDecodes } from "./jpeg-data";
import type { HeaderReading } from "./header-reading";
import { readJpeg } from "./jpeg-segments";
import { readPng } from "./png-chunks";
import { sniffImageType, type PhotoType } from "./sniff";
import { readWebp } from "./webp-chunks";

// libvips' operation cache only pays off when the same input is processed repeatedly; every
// upload is unique, so it would just hold up to 50 MB of memory (and references to past
// uploads) per process. This is process-wide, which is fine: nothing else should cache either.
sharp.cache(false);
// Thread settings are deliberately left at sharp's defaults: sharp.concurrency() (libvips
// threads per image) defaults to the core count, or 1 on glibc without jemalloc to limit memory
// fragmentation (so 1 here); how many images are decoded at once is bounded by the background
// worker's pool (pending.ts), below libuv's threadpool (UV_THREADPOOL_SIZE, default 4). Requests
// never call libvips: a burst of uploads queues in the database instead of multiplying memory.

export const PHOTO_LIMITS = {
  // A cheap phone's photo is ~100 KB and a 12 Mpx one rarely exceeds 4 MB; the whole upload is
  // held in memory, so anything bigger is refused before it is looked at.
  maxBytes: 5 * 1024 * 1024,
  // The app never sends more than 640 px a side: camera frames and chosen files alike go through
  // lib/photos/client/compress.ts, which scales to 640 and has no path that sends the original.
  // 2048 leaves three times that for other clients (a volunteer's tool, a webcam) and bounds what
  // a photo costs to decode in the background: at most 4.2 Mpx (~13 MB of pixels). A
  // phone's 12 Mpx original is refused (photo_too_many_pixels): a client scales it first, as the
  // app does. Checked from the header alone, so a decompression bomb is refused before any pixel
  // is decoded. A constant, not a setting: what the app sends does not vary by deployment, and a
  // lower value set later would turn photos already accepted and waiting for their re-encode into
  // unreadable ones.
  maxSide: 2048,
  // A passport photo is 600 px across: 640 is enough to recognise a face on an officer's screen,
  // keeps stored photos near 50 KB, and lets a JPEG decode at reduced scale, far cheaper than
  // at full size, for the re-encode: the costliest step of a photo's processing.
  outputMaxSide: 640,
} as const;

/** The most pixels a photo within maxSide can have: sharp's own guard, behind ours. */
const MAX_PIXELS = PHOTO_LIMITS.maxSide ** 2;

// Generous for a photo within maxSide (tens of milliseconds); stops a pathological file from
// holding one of the few libuv threads for long.
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

/** Refuses a decompression bomb (or a photo far larger than any client should send) from the dimensions its header declares. */
function checkDimensions(width: number, height: number): void {
  if (Math.max(width, height) > PHOTO_LIMITS.maxSide) throw new PhotoRejected("too_many_pixels");
}

/** The structure of each type the request reads, without decoding a pixel or calling libvips. */
const READERS: Record<PhotoType, (bytes: Uint8Array) => HeaderReading | null> = { jpeg: readJpeg, png: readPng, webp: readWebp };

/**
 * What the request checks of any photo: size, magic bytes, then the structure and size in pixels
 * its headers declare (a decompression bomb is refused here, before anything is decoded). Returns
 * the bytes to keep, its metadata removed. Throws PhotoRejected.
 */
function checkStructure(bytes: Uint8Array): { type: PhotoType; stripped: Uint8Array } {
  const type = checkBytes(bytes);
  const reading = READERS[type](bytes);
  if (reading === null) throw new PhotoRejected("undecodable");
  checkDimensions(reading.width, reading.height);
  return { type, stripped: reading.stripped };
}

/**
 * A PNG's or WebP's header as libvips reads it, in the background before the re-encode: the
 * format it finds must be the one the magic bytes named (libvips sniffs on its own; a mismatch
 * means they were a disguise), and the size within limits. Throws PhotoRejected.
 */
async function checkHeader(bytes: Uint8Array, type: PhotoType): Promise<void> {
  // The size check is ours rather than sharp's limitInputPixels, so the rejection reason does not
  // depend on sharp's error wording.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: "error" }).metadata();
  } catch (cause) {
    throw new PhotoRejected("undecodable", { cause });
  }
  if (meta.format !== type || !meta.width || !meta.height) throw new PhotoRejected("undecodable");
  checkDimensions(meta.width, meta.height);
}

/** What a booking or a new photo stores: the photo as sent, without its metadata, for the background decode and re-encode. */
export type AcceptedPhoto = { status: "pending"; bytes: Buffer };

/**
 * The request's share of a photo, any type: what its headers tell (checkStructure), read in
 * JavaScript in well under a millisecond, with no call into libvips. Nothing is decoded here: the
 * strict decode of the image data (jpeg-data.ts for JPEG) and the re-encode run off the request,
 * on the background worker's bounded pool (pending.ts), where a photo whose data does not decode
 * becomes `unreadable` (the person is asked for a new one), never `ready`. A decode in the request
 * would take CPU from the bookings at the minute slots open, when every core is needed for seats,
 * and a large lossless PNG or WebP would hold the submission line while it decodes. Here, even
 * such a file costs well under a millisecond.
 */
export async function acceptPhoto(bytes: Uint8Array): Promise<AcceptedPhoto> {
  const { stripped } = checkStructure(bytes);
  return { status: "pending", bytes: Buffer.from(stripped.buffer, stripped.byteOffset, stripped.byteLength) };
}

/**
 * Turns an untrusted upload into a small, upright, metadata-free sRGB JPEG, or throws
 * PhotoRejected: the background's share of a photo (pending.ts). The request's checks run again
 * first (cheap, and the stored bytes are checked as they are), then the strict decode of the image
 * data, then the re-encode.
 */
export async function normalizePhoto(bytes: Uint8Array): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const { type, stripped } = checkStructure(bytes);
  if (type !== "jpeg") {
    await checkHeader(stripped, type);
    return reencode(stripped);
  }
  const decodes = await jpegDataDecodes(stripped, { maxPixels: MAX_PIXELS, timeoutSeconds: DECODE_TIMEOUT_SECONDS });
  if (!decodes) throw new PhotoRejected("undecodable");
  return reencode(stripped);
}

/** The re-encode itself, of a photo whose header has been checked. Throws PhotoRejected. */
async function reencode(bytes: Uint8Array): Promise<{ jpeg: Buffer; width: number; height: number }> {
  try {
    // failOn "error" refuses corrupt or truncated PNG data, and WebP data libwebp can tell is
    // broken (a lossy WebP's arithmetic-coded data has no invalid codes: random bytes decode as
    // noise; the app never sends WebP). A JPEG's data was checked strictly before (jpeg-data.ts).
    // limitInputPixels stays as a second guard.
    const { data, info } = await sharp(bytes, {
      limitInputPixels: MAX_PIXELS,
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
