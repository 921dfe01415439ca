/**
 * A JPEG's structure, read from its marker segments without decoding a pixel (microseconds, where
 * decoding and re-encoding cost ~5 ms of CPU a photo). The booking request uses it to refuse what
 * is plainly broken and to drop the metadata segments at once; the full re-encode follows in the
 * background (lib/photos/pending.ts).
 *
 * Kept: APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe: how to read CMYK), which the
 * decoder needs to show the right colours and which the re-encode drops anyway. Dropped: APP1
 * (EXIF with GPS, device and times; XMP), APP3–APP13 and APP15 (maker data, IPTC), comments,
 * and anything after the end-of-image marker (some phones append their own data there).
 * The EXIF orientation is the one field worth keeping: it is read here and written back as a
 * minimal EXIF block holding that tag alone, so that the re-encode still turns the photo upright.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const isDropped = (marker: number) => (marker >= 0xe0 && marker <= 0xef && marker !== APP0 && marker !== APP2 && marker !== APP14) || marker === COM;

/** What the booking request needs of a JPEG: its size in pixels, its orientation, and its bytes without metadata. */
export type JpegReading = { width: number; height: number; orientation: number; stripped: Uint8Array };

/**
 * Reads a JPEG's header and returns it with its metadata segments removed, or null when it is not
 * one libjpeg decodes: no frame header (or a lossless, hierarchical, 12-bit or zero-sized one), no
 * quantization table, no scan, a segment running past the end, or no end-of-image marker (a
 * truncated upload). Replaces an image library's header read on the booking path: this is a loop
 * over a few segments, where a call into libvips costs a thread hop and ~0.5 ms.
 */
export function readJpeg(bytes: Uint8Array): JpegReading | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  const kept: Uint8Array[] = [];
  let frame: { width: number; height: number } | null = null;
  let orientation = 1;
  let sawQuantization = false;
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos < bytes.length && bytes[pos] === 0xff) pos++;
    const marker = bytes[pos];
    if (marker === undefined || marker === EOI || marker === SOI || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) return null;
    if (pos + 2 >= bytes.length) return null;
    const length = (bytes[pos + 1] << 8) | bytes[pos + 2];
    const end = pos + 1 + length;
    if (length < 2 || end > bytes.length) return null;
    const body = bytes.subarray(pos + 3, end);
    if (isFrame(marker) && !frame) {
      frame = readFrame(marker, body);
      if (!frame) return null;
    }
    if (marker === DQT) sawQuantization = true;
    if (marker === APP1 && orientation === 1) orientation = exifOrientation(body);
    if (marker === SOS) {
      // Without a quantization table no decoder can produce pixels (phones never write lossless JPEG).
      if (!frame || !sawQuantization) return null;
      // From the first scan on: entropy-coded data (and, for progressive files, further tables
      // and scans) up to the last end-of-image marker. What follows it is not part of the image.
      const last = lastEndOfImage(bytes, end);
      if (last === -1) return null;
      kept.push(new Uint8Array([0xff, marker]), bytes.subarray(pos + 1, last + 2));
      const head = orientation === 1 ? [bytes.subarray(0, 2)] : [bytes.subarray(0, 2), orientationSegment(orientation)];
      return { ...frame, orientation, stripped: concat([...head, ...kept]) };
    }
    if (!isDropped(marker)) kept.push(new Uint8Array([0xff, marker]), bytes.subarray(pos + 1, end));
    pos = end;
  }
  return null;
}

/**
 * A frame header's size, if libjpeg decodes that kind of frame: 8-bit samples, 1, 3 or 4
 * components, sequential or progressive (Huffman or arithmetic coded). Lossless and hierarchical
 * frames (C3, C5–C7, CB, CD–CF), which no phone writes, are refused.
 */
function readFrame(marker: number, body: Uint8Array): { width: number; height: number } | null {
  if (![0xc0, 0xc1, 0xc2, 0xc9, 0xca].includes(marker) || body.length < 6) return null;
  const [precision, heightHigh, heightLow, widthHigh, widthLow, components] = body;
  const height = (heightHigh << 8) | heightLow;
  const width = (widthHigh << 8) | widthLow;
  if (precision !== 8 || width === 0 || height === 0 || ![1, 3, 4].includes(components)) return null;
  return { width, height };
}

/** The Orientation tag (0x0112) of an APP1 "Exif" segment's first IFD, 1 (upright) when absent or invalid. */
function exifOrientation(body: Uint8Array): number {
  // "Exif\0\0", then a TIFF header: byte order, 42, offset of the first IFD.
  if (body.length < 14 || String.fromCharCode(...body.subarray(0, 4)) !== "Exif" || body[4] !== 0 || body[5] !== 0) return 1;
  const tiff = new DataView(body.buffer, body.byteOffset + 6, body.length - 6);
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  if (tiff.getUint16(2, little) !== 42) return 1;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return 1;
  const count = tiff.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return 1;
    if (tiff.getUint16(entry, little) !== 0x0112) continue;
    // SHORT, one value, held in the first two bytes of the value field.
    if (tiff.getUint16(entry + 2, little) !== 3 || tiff.getUint32(entry + 4, little) !== 1) return 1;
    const value = tiff.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

function lastEndOfImage(bytes: Uint8Array, from: number): number {
  for (let i = bytes.length - 2; i >= from; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === EOI) return i;
  }
  return -1;
}

/** APP1 "Exif" holding one IFD entry: Orientation (0x0112), SHORT, the given value. 36 bytes. */
function orientationSegment(orientation: number): Uint8Array {
  // prettier-ignore
  return new Uint8Array([
    0xff, 0xe1, 0x00, 0x22, // APP1, length 34
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, first IFD at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation = n
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
