import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GPS_LATITUDE, jpegHeaderMarkers, rationals, withPhoneMetadata } from "@/tests/support/images";
import { stripJpegMetadata } from "./jpeg-segments";

/** A phone's upload with everything that must go, plus data some phones append after the image. */
async function uploadWithMetadata(orientation = 6): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } });
  return Buffer.concat([await withPhoneMetadata(image, orientation), Buffer.from("SEFT trailer: Traveler Name")]);
}

const strip = (bytes: Uint8Array, orientation?: number) => {
  const out = stripJpegMetadata(bytes, orientation);
  expect(out).not.toBeNull();
  return Buffer.from(out!);
};

describe("stripJpegMetadata", () => {
  it("drops EXIF (GPS, device), XMP, comments and trailing data, keeping the image and its colour profile", async () => {
    const input = await uploadWithMetadata();
    expect(input.includes(rationals(GPS_LATITUDE, true)) || input.includes(rationals(GPS_LATITUDE, false))).toBe(true);

    const output = strip(input, 6);
    for (const needle of ["CheapPhoneCo", "xmpmeta", "Traveler", "secret comment", "SEFT"]) {
      expect(output.includes(Buffer.from(needle)), needle).toBe(false);
    }
    expect(output.includes(rationals(GPS_LATITUDE, true))).toBe(false);
    expect(output.includes(rationals(GPS_LATITUDE, false))).toBe(false);
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
