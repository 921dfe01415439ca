import "server-only";
import { exifOrientation, orientationExif } from "./exif-orientation";
import { concat, type HeaderReading } from "./header-reading";

/**
 * A WebP's structure, read from its RIFF chunk headers and the first bytes of its image chunk,
 * without decoding: what the request checks of a WebP (jpeg-segments.ts does the same for JPEG).
 * The image data is decoded in the background (pending.ts).
 *
 * A simple file (one VP8 or VP8L chunk) keeps that chunk alone, as libwebp reads nothing else of
 * it. An extended one (VP8X first) keeps its image, alpha, colour profile and animation chunks
 * and drops EXIF (GPS, device, times), XMP and any other chunk; the EXIF orientation is written
 * back as a one-tag EXIF chunk and the VP8X flags say so. Anything after the RIFF's end goes too.
 */

const VP8X_XMP = 0x04;
const VP8X_EXIF = 0x08;
const VP8X_ANIMATION = 0x02;
const KEPT = new Set(["VP8 ", "VP8L", "ALPH", "ICCP", "ANIM", "ANMF"]);

type Chunk = { type: string; payload: Uint8Array };

const fourcc = (bytes: Uint8Array, at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
const u32le = (bytes: Uint8Array, at: number) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
const u24le = (bytes: Uint8Array, at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);

/**
 * Reads a WebP's chunks and returns its size and the file without its metadata, or null when
 * libwebp would refuse it from its structure: a RIFF size that runs past the end (a truncated
 * upload) or is too small, a chunk running past the RIFF's end, a first chunk that is not VP8,
 * VP8L or VP8X, a VP8 frame header without its start code or not a shown key frame, a VP8L
 * header without its signature or of an unknown version, an extended file without an image, or
 * a still image whose size differs from the canvas.
 */
export function readWebp(bytes: Uint8Array): HeaderReading | null {
  if (bytes.length < 20 || fourcc(bytes, 0) !== "RIFF" || fourcc(bytes, 8) !== "WEBP") return null;
  const riffEnd = 8 + u32le(bytes, 4);
  if (riffEnd < 20 || riffEnd > bytes.length) return null;
  const chunks: Chunk[] = [];
  for (let at = 12; at < riffEnd; ) {
    if (at + 8 > riffEnd) return null;
    const size = u32le(bytes, at + 4);
    const end = at + 8 + size;
    if (end > riffEnd) return null;
    chunks.push({ type: fourcc(bytes, at), payload: bytes.subarray(at + 8, end) });
    // Chunks are padded to an even length; a last odd one may end the file without its pad.
    at = end + (size & 1);
  }
  const [first] = chunks;
  if (first.type === "VP8 " || first.type === "VP8L") {
    const size = imageSize(first);
    // Nothing to drop (the usual case): the bytes as they are, not a copy of megabytes.
    const stripped = chunks.length === 1 ? bytes.subarray(0, riffEnd) : riff([first]);
    return size && { ...size, orientation: 1, stripped };
  }
  if (first.type !== "VP8X" || first.payload.length < 10) return null;
  return readExtended(first.payload, chunks.slice(1));
}

/** An extended file: its canvas, and its chunks without metadata. */
function readExtended(header: Uint8Array, chunks: Chunk[]): HeaderReading | null {
  const flags = header[0];
  const width = 1 + u24le(header, 4);
  const height = 1 + u24le(header, 7);
  const exif = chunks.find((c) => c.type === "EXIF");
  const orientation = exif ? exifOrientation(exif.payload) : 1;
  const kept = chunks.filter((c) => KEPT.has(c.type));
  const image = kept.find((c) => c.type === "VP8 " || c.type === "VP8L");
  if (flags & VP8X_ANIMATION) {
    if (!kept.some((c) => c.type === "ANMF")) return null;
  } else {
    const size = image && imageSize(image);
    if (!size || size.width !== width || size.height !== height) return null;
  }
  const vp8x = Uint8Array.from(header.subarray(0, 10));
  vp8x[0] = (flags & ~(VP8X_XMP | VP8X_EXIF)) | (orientation === 1 ? 0 : VP8X_EXIF);
  const tail = orientation === 1 ? [] : [{ type: "EXIF", payload: orientationExif(orientation) }];
  return { width, height, orientation, stripped: riff([{ type: "VP8X", payload: vp8x }, ...kept, ...tail]) };
}

/** The size a VP8 (lossy) or VP8L (lossless) chunk's header declares, or null if that header is not one. */
function imageSize({ type, payload: p }: Chunk): { width: number; height: number } | null {
  if (type === "VP8L") {
    if (p.length < 5 || p[0] !== 0x2f) return null;
    const bits = u32le(p, 1);
    // 14 bits of width − 1, 14 of height − 1, 1 of alpha, 3 of version (0).
    return bits >>> 29 === 0 ? { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 } : null;
  }
  if (p.length < 10 || p[3] !== 0x9d || p[4] !== 0x01 || p[5] !== 0x2a) return null;
  // The frame tag: key frame (bit 0 clear), version 0–3, shown, first partition within the chunk.
  const tag = u24le(p, 0);
  if (tag & 1 || ((tag >> 1) & 7) > 3 || !((tag >> 4) & 1) || tag >>> 5 > p.length) return null;
  const width = (p[6] | (p[7] << 8)) & 0x3fff;
  const height = (p[8] | (p[9] << 8)) & 0x3fff;
  return width > 0 && height > 0 ? { width, height } : null;
}

/** A RIFF WebP file of these chunks, each padded to an even length; written in one copy. */
function riff(chunks: Chunk[]): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50])];
  for (const { type, payload } of chunks) {
    const header = new Uint8Array(8);
    for (let i = 0; i < 4; i++) header[i] = type.charCodeAt(i);
    new DataView(header.buffer).setUint32(4, payload.length, true);
    parts.push(header, payload);
    if (payload.length & 1) parts.push(new Uint8Array(1));
  }
  const out = concat(parts);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}
