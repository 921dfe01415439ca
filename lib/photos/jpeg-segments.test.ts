import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { jpegHeaderMarkers, rationals, withJpegComment } from "@/tests/support/images";
import { stripJpegMetadata } from "./jpeg-segments";

const LATITUDE: [number, number][] = [[32, 1], [42, 1], [5123, 100]];

/** A phone-like upload carrying everything that must go: EXIF with GPS, XMP, a comment, a trailer. */
async function uploadWithMetadata(orientation = 6): Promise<Buffer> {
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>Traveler Name</rdf:Description></rdf:RDF></x:xmpmeta>';
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .withMetadata({ orientation })
    .withExif({
      IFD0: { Make: "CheapPhoneCo", Model: "X1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "32/1 42/1 5123/100", GPSLongitudeRef: "W", GPSLongitude: "117/1 9/1 4177/100" },
    })
    .withIccProfile("p3")
    .withXmp(xmp)
    .jpeg()
    .toBuffer();
  // Some phones append their own data after the end-of-image marker.
  return Buffer.concat([withJpegComment(jpeg, "secret comment"), Buffer.from("SEFT trailer: Traveler Name")]);
}

const strip = (bytes: Uint8Array, orientation?: number) => {
  const out = stripJpegMetadata(bytes, orientation);
  expect(out).not.toBeNull();
  return Buffer.from(out!);
};

describe("stripJpegMetadata", () => {
  it("drops EXIF (GPS, device), XMP, comments and trailing data, keeping the image and its colour profile", async () => {
    const input = await uploadWithMetadata();
    expect(input.includes(rationals(LATITUDE, true)) || input.includes(rationals(LATITUDE, false))).toBe(true);

    const output = strip(input, 6);
    for (const needle of ["CheapPhoneCo", "xmpmeta", "Traveler", "secret comment", "SEFT"]) {
      expect(output.includes(Buffer.from(needle)), needle).toBe(false);
    }
    expect(output.includes(rationals(LATITUDE, true))).toBe(false);
    expect(output.includes(rationals(LATITUDE, false))).toBe(false);
    expect(output.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));

    // What is left: SOI, our one-tag EXIF, then only segments a decoder needs.
    const markers = jpegHeaderMarkers(output);
    expect(markers.filter((m) => m === 0xe1)).toHaveLength(1);
    expect(markers.filter((m) => (m >= 0xe3 && m <= 0xed) || m === 0xef || m === 0xfe)).toEqual([]);
    const meta = await sharp(output).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 64, height: 48, orientation: 6 });
    expect(meta.icc).toBeDefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.comments).toBeUndefined();

    // The very same pixels.
    const pixels = (b: Buffer) => sharp(b).raw().toBuffer();
    expect((await pixels(output)).equals(await pixels(input))).toBe(true);
  });

  it("adds no EXIF at all for an upright photo", async () => {
    const output = strip(await uploadWithMetadata(1), 1);
    expect(jpegHeaderMarkers(output)).not.toContain(0xe1);
    expect((await sharp(output).metadata()).orientation).toBeUndefined();
  });

  it("refuses a truncated upload, one without a frame or scan, and bytes that only start like a JPEG", async () => {
    const input = await uploadWithMetadata();
    const withoutTrailer = input.subarray(0, input.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
    expect(stripJpegMetadata(withoutTrailer.subarray(0, withoutTrailer.length - 200))).toBeNull();
    const sos = input.indexOf(Buffer.from([0xff, 0xda]));
    expect(stripJpegMetadata(input.subarray(0, sos))).toBeNull();
    expect(stripJpegMetadata(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from("not a segment at all"), Buffer.from([0xff, 0xd9])]))).toBeNull();
    // A segment whose length runs past the end of the file.
    expect(stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0x4a, 0x46]))).toBeNull();
    // Without its quantization tables.
    let noTables = Buffer.from(input);
    for (let at = noTables.indexOf(Buffer.from([0xff, 0xdb])); at !== -1; at = noTables.indexOf(Buffer.from([0xff, 0xdb]))) {
      noTables = Buffer.concat([noTables.subarray(0, at), noTables.subarray(at + 2 + noTables.readUInt16BE(at + 2))]);
    }
    expect(stripJpegMetadata(noTables)).toBeNull();
    // A scan before any frame header.
    expect(stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9]))).toBeNull();
    expect(stripJpegMetadata(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});
