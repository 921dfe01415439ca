import "server-only";
import { exifOrientation, orientationTiff } from "./exif-orientation";
import { concat, type HeaderReading } from "./header-reading";

/**
 * A PNG's structure, read from its chunk headers without inflating a byte of its image data: what
 * the request checks of a PNG (jpeg-segments.ts does the same for JPEG). The image data is decoded
 * in the background (pending.ts), where data that does not decode makes the photo `unreadable`.
 *
 * Kept: the chunks that say what the pixels are (IHDR, PLTE, IDAT, IEND; transparency and colour:
 * tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, cICP, mDCV, cLLI; the pixel density and background colour
 * most encoders write, pHYs and bKGD, so that their files need no copy), which the re-encode
 * needs and then drops.
 * Dropped: text (tEXt, zTXt, iTXt: XMP, the software, a caption), eXIf (GPS, device, times), tIME,
 * every other ancillary chunk (private ones too: a maker's data, content credentials), an
 * animation's extra frames (acTL, fcTL, fdAT: the re-encode keeps the first image only), and
 * anything after IEND. The EXIF orientation is written back as a one-tag eXIf chunk, so that the
 * re-encode still turns the photo upright, as for JPEG.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const KEPT = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "cICP", "mDCV", "cLLI", "pHYs", "bKGD"]);
/** The bit depths each colour type allows (PNG spec, 11.2.2). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** PNG's own limit on a chunk's length and on a side. */
const MAX_U31 = 2 ** 31 - 1;

const typeOf = (bytes: Uint8Array, at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const u32 = (bytes: Uint8Array, at: number) => ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;

/**
 * Reads a PNG's chunks up to IEND and returns its size and the file without its metadata, or null
 * when a decoder would refuse it from its structure: no IHDR first, an IHDR no decoder reads (a
 * size of zero, a bit depth the colour type does not allow, an unknown compression, filter or
 * interlace method), a chunk with a malformed type or running past the end, an unknown critical
 * chunk, no IDAT, no IEND (a truncated upload). Chunk CRCs are left to the decoder.
 */
export function readPng(bytes: Uint8Array): HeaderReading | null {
  if (bytes.length < 8 + 25 + 12 || !SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  if (u32(bytes, 8) !== 13 || typeOf(bytes, 12) !== "IHDR") return null;
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const [depth, colour, compression, filter, interlace] = bytes.subarray(24, 29);
  if (width === 0 || height === 0 || width > MAX_U31 || height > MAX_U31) return null;
  if (!DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return null;

  const kept: Uint8Array[] = [];
  let orientation: number | null = null;
  let images = 0;
  let dropped = false;
  let at = 8 + 25;
  for (;;) {
    if (at + 12 > bytes.length) return null;
    const length = u32(bytes, at);
    const end = at + 12 + length;
    if (length > MAX_U31 || end > bytes.length) return null;
    if (![4, 5, 6, 7].every((i) => isLetter(bytes[at + i]))) return null;
    const type = typeOf(bytes, at + 4);
    const critical = (bytes[at + 4] & 0x20) === 0;
    if (type === "IHDR" || (critical && !KEPT.has(type))) return null;
    if (type === "IDAT") images++;
    if (type === "eXIf" && orientation === null) orientation = exifOrientation(bytes.subarray(at + 8, at + 8 + length));
    if (KEPT.has(type)) kept.push(bytes.subarray(at, end));
    else dropped = true;
    at = end;
    if (type === "IEND") break;
  }
  if (images === 0) return null;
  // Nothing to drop: the bytes as they are, not a copy of megabytes.
  if (!dropped && at === bytes.length) return { width, height, orientation: 1, stripped: bytes };
  const head = [bytes.subarray(0, 8 + 25)];
  if (orientation !== null && orientation !== 1) head.push(chunk("eXIf", orientationTiff(orientation)));
  return { width, height, orientation: orientation ?? 1, stripped: concat([...head, ...kept]) };
}

/** A chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 as PNG computes it (ISO 3309); for the few bytes of the chunk written here. */
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
