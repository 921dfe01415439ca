import { deflateSync } from "node:zlib";
import type { Sharp } from "sharp";

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
 * ("Traveler Name") and a comment ("secret comment").
 */
export async function withPhoneMetadata(image: Sharp, orientation = 6): Promise<Buffer> {
  const jpeg = await image
    .withMetadata({ orientation })
    .withExif({
      IFD0: { Make: "CheapPhoneCo", Model: "X1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "32/1 42/1 5123/100", GPSLongitudeRef: "W", GPSLongitude: "117/1 9/1 4177/100" },
    })
    .withIccProfile("p3")
    .withXmp(XMP_NAMING_A_PERSON)
    .jpeg()
    .toBuffer();
  return withJpegComment(jpeg, "secret comment");
}
