import "server-only";
import { exifOrientation, hasExifHeader, orientationExif } from "./exif-orientation";
import { concat, type HeaderReading } from "./header-reading";
/**
 * A JPEG's structure, read from its marker segments without decoding a pixel. The request (a
 * booking, a new photo) uses it to refuse what is plainly broken before anything is decoded, and
 * to drop the metadata segments at once; the strict decode of the image data
 * (lib/photos/server/jpeg-data.ts) and the re-encode follow in the background
 * (lib/photos/server/pending.ts). png-chunks.ts and webp-chunks.ts do the same for PNG and WebP.
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
const DHT = 0xc4;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const isDropped = (marker: number) => (marker >= 0xe0 && marker <= 0xef && marker !== APP0 && marker !== APP2 && marker !== APP14) || marker === COM;


type Frame = { width: number; height: number; components: { id: number; table: number }[] };

/**
 * Reads a JPEG's structure and returns it with its metadata segments removed, or null when libjpeg
 * would refuse it: no frame header, or one libjpeg does not decode (lossless, hierarchical, 12-bit,
 * zero-sized, a second one, inconsistent lengths or sampling factors) or whose data cannot be
 * checked (arithmetic-coded); a scan naming a component
 * the frame lacks or a quantization table never defined; a segment running past the end; no
 * end-of-image marker (a truncated upload). Replaces an image library's header read on the booking
 * path: this walks the file once, where a call into libvips costs a thread hop and far more.
 *
 * The walk continues through the entropy-coded data (stuffed 0xFF00 bytes and restart markers are
 * data) to the FIRST end-of-image marker: segments between a progressive file's scans are
 * filtered like the others, and whatever follows the image (an appended preview JPEG with its own
 * EXIF, a motion photo's video) is dropped.
 */
export function readJpeg(bytes: Uint8Array): HeaderReading | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  const kept: Uint8Array[] = [];
  const tables = new Set<number>();
  let frame: Frame | null = null;
  let orientation: number | null = null; // from the first Exif segment only, as libvips reads it
  let scanned = false;
  let progressive = false;
  let pos = 2;
  for (;;) {
    if (bytes[pos] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos < bytes.length && bytes[pos] === 0xff) pos++;
    const marker = bytes[pos];
    if (marker === EOI) {
      if (!scanned) return null;
      kept.push(new Uint8Array([0xff, EOI]));
      break;
    }
    if (marker === undefined || marker === SOI || isRestart(marker) || marker === 0x00 || marker === 0x01) return null;
    if (pos + 2 >= bytes.length) return null;
    const length = (bytes[pos + 1] << 8) | bytes[pos + 2];
    const end = pos + 1 + length;
    if (length < 2 || end > bytes.length) return null;
    const body = bytes.subarray(pos + 3, end);
    if (isFrame(marker)) {
      if (frame) return null;
      frame = readFrame(marker, body);
      if (!frame) return null;
      progressive = marker === 0xc2;
    }
    if (marker === DQT && !readQuantizationTables(body, tables)) return null;
    if (marker === DHT && !isValidHuffmanSegment(body)) return null;
    if (marker === APP1 && orientation === null && body.length >= 14 && hasExifHeader(body)) orientation = exifOrientation(body);
    if (marker === SOS && !(frame && isValidScan(body, frame, tables, progressive))) return null;
    if (!isDropped(marker)) kept.push(new Uint8Array([0xff, marker]), bytes.subarray(pos + 1, end));
    pos = end;
    if (marker === SOS) {
      scanned = true;
      const dataEnd = nextMarker(bytes, pos);
      if (dataEnd === -1) return null;
      kept.push(bytes.subarray(pos, dataEnd));
      pos = dataEnd;
    }
  }
  const upright = orientation === null || orientation === 1;
  const head = upright ? [bytes.subarray(0, 2)] : [bytes.subarray(0, 2), orientationSegment(orientation!)];
  return { width: frame!.width, height: frame!.height, orientation: orientation ?? 1, stripped: concat([...head, ...kept]) };
}

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

/** Where the entropy-coded data starting at `from` ends: the next 0xFF that begins a marker. */
function nextMarker(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(0xff, from); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(0xff, i + 1)) {
    const next = bytes[i + 1];
    // 0xFF00 is a stuffed data byte, RSTn a restart marker inside the data, 0xFFFF a fill byte.
    if (next === 0x00 || isRestart(next) || next === 0xff) continue;
    return i;
  }
  return -1;
}

/**
 * A frame header, if libjpeg decodes that kind of frame: sequential or progressive, Huffman coded,
 * with 8-bit samples, 1, 3 or 4 components, a length that matches them, sampling factors 1–4 and
 * quantization tables 0–3. Lossless and hierarchical frames (C3, C5–C7, CB, CD–CF), which no phone
 * writes, are refused; so are arithmetic-coded ones (C9, CA): no phone or browser writes them,
 * browsers do not show them, and their data cannot be checked (libjpeg's arithmetic decoder fills
 * a scan that ends early with zeros without a warning, see jpeg-data.ts).
 */
function readFrame(marker: number, body: Uint8Array): Frame | null {
  if (![0xc0, 0xc1, 0xc2].includes(marker) || body.length < 6) return null;
  const [precision, heightHigh, heightLow, widthHigh, widthLow, count] = body;
  const height = (heightHigh << 8) | heightLow;
  const width = (widthHigh << 8) | widthLow;
  if (precision !== 8 || width === 0 || height === 0 || ![1, 3, 4].includes(count) || body.length !== 6 + 3 * count) return null;
  const components: Frame["components"] = [];
  for (let i = 0; i < count; i++) {
    const [id, sampling, table] = body.subarray(6 + 3 * i, 9 + 3 * i);
    const horizontal = sampling >> 4;
    const vertical = sampling & 0x0f;
    if (horizontal < 1 || horizontal > 4 || vertical < 1 || vertical > 4 || table > 3) return null;
    if (components.some((c) => c.id === id)) return null;
    components.push({ id, table });
  }
  return { width, height, components };
}

/** Adds the ids a DQT segment defines; false when its tables do not add up to its length. */
function readQuantizationTables(body: Uint8Array, tables: Set<number>): boolean {
  let at = 0;
  while (at < body.length) {
    const precision = body[at] >> 4;
    const id = body[at] & 0x0f;
    if (precision > 1 || id > 3) return false;
    tables.add(id);
    at += 1 + 64 * (precision + 1);
  }
  return at === body.length;
}

/** A DHT segment whose tables (class 0–1, id 0–3, at most 256 codes each) add up to its length. */
function isValidHuffmanSegment(body: Uint8Array): boolean {
  let at = 0;
  while (at < body.length) {
    if (body[at] >> 4 > 1 || (body[at] & 0x0f) > 3 || at + 17 > body.length) return false;
    let codes = 0;
    for (let i = 1; i <= 16; i++) codes += body[at + i];
    if (codes > 256) return false;
    at += 17 + codes;
  }
  return at === body.length;
}

/**
 * A scan header naming 1–4 of the frame's components, each quantized by a table defined before
 * it; in a progressive frame, with spectral selection and approximation libjpeg accepts.
 */
function isValidScan(body: Uint8Array, frame: Frame, tables: Set<number>, progressive: boolean): boolean {
  const count = body[0];
  if (count < 1 || count > 4 || body.length !== 1 + 2 * count + 3) return false;
  for (let i = 0; i < count; i++) {
    const component = frame.components.find((c) => c.id === body[1 + 2 * i]);
    if (!component || !tables.has(component.table)) return false;
  }
  if (!progressive) return true;
  const [start, end, approximation] = body.subarray(1 + 2 * count);
  const high = approximation >> 4;
  const low = approximation & 0x0f;
  // DC scans (start 0) code the DC coefficient only; AC scans one component at a time.
  const dc = start === 0 ? end === 0 : end >= start && end <= 63 && count === 1;
  return dc && high <= 13 && low <= 13;
}

/** APP1 "Exif" holding one IFD entry: Orientation (0x0112), SHORT, the given value. 36 bytes. */
function orientationSegment(orientation: number): Uint8Array {
  const exif = orientationExif(orientation);
  return concat([new Uint8Array([0xff, APP1, 0x00, exif.length + 2]), exif]);
}
