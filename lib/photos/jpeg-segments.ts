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
 * The EXIF orientation is the one field worth keeping: it is written back as a minimal EXIF
 * block holding that tag alone, so that the re-encode still turns the photo upright.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const isDropped = (marker: number) => (marker >= 0xe0 && marker <= 0xef && marker !== APP0 && marker !== APP2 && marker !== APP14) || marker === COM;

/**
 * The JPEG with its metadata segments removed, or null when its structure is broken: no frame
 * header, no quantization table, no scan, a segment running past the end, or no end-of-image
 * marker (a truncated upload).
 */
export function stripJpegMetadata(bytes: Uint8Array, orientation = 1): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  if (orientation >= 2 && orientation <= 8) kept.push(orientationSegment(orientation));
  let sawFrame = false;
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
    if (isFrame(marker)) sawFrame = true;
    if (marker === DQT) sawQuantization = true;
    if (marker === SOS) {
      // Without a quantization table no decoder can produce pixels (phones never write lossless JPEG).
      if (!sawFrame || !sawQuantization) return null;
      // From the first scan on: entropy-coded data (and, for progressive files, further tables
      // and scans) up to the last end-of-image marker. What follows it is not part of the image.
      const last = lastEndOfImage(bytes, end);
      if (last === -1) return null;
      kept.push(new Uint8Array([0xff, marker]), bytes.subarray(pos + 1, last + 2));
      return concat(kept);
    }
    if (!isDropped(marker)) kept.push(new Uint8Array([0xff, marker]), bytes.subarray(pos + 1, end));
    pos = end;
  }
  return null;
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
