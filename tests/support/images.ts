import { deflateSync } from "node:zlib";
import sharp, { type Sharp } from "sharp";

// Images built byte by byte, for inputs no encoder would write.

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A valid 1-bit greyscale PNG of all-black rows: tiny on disk, huge once decoded. */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filter, no interlace
  const rows = Buffer.alloc(height * (1 + Math.ceil(width / 8))); // filter byte 0 + zero pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(rows, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** sharp cannot write a JPEG COM segment, so splice one in right after the SOI marker. */
function withJpegComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, "latin1");
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
}

/** Marker codes of the JPEG header segments, up to the start of scan. */
export function jpegHeaderMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at] === 0xff; ) {
    const marker = jpeg[at + 1];
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

/** A GPS coordinate as EXIF RATIONALs, in both byte orders, to search raw output for. */
export function rationals(pairs: [number, number][], littleEndian: boolean): Buffer {
  const out = Buffer.alloc(pairs.length * 8);
  pairs.forEach(([n, d], i) => {
    if (littleEndian) {
      out.writeUInt32LE(n, i * 8);
      out.writeUInt32LE(d, i * 8 + 4);
    } else {
      out.writeUInt32BE(n, i * 8);
      out.writeUInt32BE(d, i * 8 + 4);
    }
  });
  return out;
}

/** The GPS latitude `withPhoneMetadata` writes, to search bytes for with `rationals`. */
export const GPS_LATITUDE: [number, number][] = [[32, 1], [42, 1], [5123, 100]];

const XMP_NAMING_A_PERSON =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Traveler Name</dc:creator>' +
  "</rdf:Description></rdf:RDF></x:xmpmeta>";

/**
 * `image` as a phone would send it, carrying everything that must go: EXIF with the orientation,
 * the phone's make ("CheapPhoneCo") and a GPS position, a Display P3 profile, XMP naming a person
 * ("Traveler Name") and, in a JPEG, a comment ("secret comment").
 */
export async function withPhoneMetadata(image: Sharp, orientation = 6, format: "jpeg" | "png" | "webp" = "jpeg"): Promise<Buffer> {
  const encoded = await image
    .withMetadata({ orientation })
    .withExif({
      IFD0: { Make: "CheapPhoneCo", Model: "X1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "32/1 42/1 5123/100", GPSLongitudeRef: "W", GPSLongitude: "117/1 9/1 4177/100" },
    })
    .withIccProfile("p3")
    .withXmp(XMP_NAMING_A_PERSON)
    .toFormat(format)
    .toBuffer();
  return format === "jpeg" ? withJpegComment(encoded, "secret comment") : encoded;
}

/** The chunk types of a PNG, in order. */
export function pngChunks(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 12 <= png.length; at += 12 + png.readUInt32BE(at)) types.push(png.toString("latin1", at + 4, at + 8));
  return types;
}

/** `png` with a chunk of this type and data (its CRC right) inserted after IHDR. */
export function withPngChunk(png: Buffer, type: string, data: Buffer): Buffer {
  return Buffer.concat([png.subarray(0, 33), pngChunk(type, data), png.subarray(33)]);
}

/** The chunks of a WebP (RIFF), in order, with their payloads. */
export function webpChunks(webp: Buffer): { type: string; payload: Buffer }[] {
  const chunks: { type: string; payload: Buffer }[] = [];
  for (let at = 12; at + 8 <= webp.length; ) {
    const size = webp.readUInt32LE(at + 4);
    chunks.push({ type: webp.toString("latin1", at, at + 4), payload: webp.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  return chunks;
}

/** A WebP (RIFF) file of these chunks, each padded to an even length: for files no encoder writes. */
export function webpOf(chunks: { type: string; payload: Buffer }[]): Buffer {
  const body = Buffer.concat(
    chunks.flatMap(({ type, payload }) => {
      const header = Buffer.alloc(8);
      header.write(type, 0, "latin1");
      header.writeUInt32LE(payload.length, 4);
      return [header, payload, Buffer.alloc(payload.length & 1)];
    }),
  );
  const head = Buffer.from("RIFF\0\0\0\0WEBP", "latin1");
  head.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([head, body]);
}

/**
 * A photo as the app sends it: lib/photos/client/compress.ts scales every camera frame and chosen
 * file to 640 px on its longest side and encodes a baseline JPEG; a portrait is 480×640. Noisy,
 * blurred content compresses like a real photo.
 */
export async function appPhoto(width = 480, height = 640, seed = 7): Promise<Buffer> {
  // Gaussian noise (mean 128, sigma 40) from a seeded generator, not sharp's unseeded one: the same
  // bytes on every run, so a test that cuts or overwrites part of this photo meets the same case
  // each time instead of, now and then, a different one.
  const uniform = seededBytes(width * height * 6 + 4, seed);
  const noisy = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noisy.length; i += 2) {
    // Box–Muller: two uniform values (16 bits each) make two normal ones.
    const u = (uniform.readUInt16LE(i * 2) + 1) / 65537;
    const v = uniform.readUInt16LE(i * 2 + 2) / 65536;
    const r = Math.sqrt(-2 * Math.log(u)) * 40;
    noisy[i] = Math.max(0, Math.min(255, Math.round(128 + r * Math.cos(2 * Math.PI * v))));
    if (i + 1 < noisy.length) noisy[i + 1] = Math.max(0, Math.min(255, Math.round(128 + r * Math.sin(2 * Math.PI * v))));
  }
  const raw = await sharp(noisy, { raw: { width, height, channels: 3 } }).blur(1.5).raw().toBuffer();
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

/** Where each scan's entropy-coded data lies in a JPEG: from after its SOS header to the marker that ends it. */
export function scanData(jpeg: Buffer): { start: number; end: number }[] {
  const scans: { start: number; end: number }[] = [];
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xd9; ) {
    const marker = jpeg[at + 1];
    at += 2 + jpeg.readUInt16BE(at + 2);
    if (marker !== 0xda) continue;
    let end = at;
    // 0xFF00 is a stuffed data byte and FFD0–FFD7 restart markers: both belong to the data.
    while ((end = jpeg.indexOf(0xff, end)) !== -1 && (jpeg[end + 1] === 0x00 || (jpeg[end + 1] >= 0xd0 && jpeg[end + 1] <= 0xd7))) end += 2;
    scans.push({ start: at, end });
    at = end;
  }
  return scans;
}

/** The same bytes every run (a test must fail the same way twice): a linear congruential generator. */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/**
 * `jpeg` with the entropy-coded data of its scans (all, or those `which` picks), from `from` (a
 * fraction of each) to its end, overwritten by pseudo-random bytes: every header and the end
 * marker stay valid. 0xFF bytes become 0xFE, so no marker appears inside the data: what is left
 * is garbage a header check cannot see.
 */
export function withGarbageData(jpeg: Buffer, { seed = 1, from = 0, which }: { seed?: number; from?: number; which?: number[] } = {}): Buffer {
  const out = Buffer.from(jpeg);
  scanData(jpeg).forEach(({ start, end }, i) => {
    if (which && !which.includes(i)) return;
    const at = start + Math.floor((end - start) * from);
    out.set(seededBytes(end - at, seed + i).map((b) => (b === 0xff ? 0xfe : b)), at);
  });
  return out;
}
