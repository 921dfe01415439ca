import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GPS_LATITUDE, jpegHeaderMarkers, rationals, withPhoneMetadata } from "@/tests/support/images";
import { readJpeg } from "./jpeg-segments";

/** A phone's upload with everything that must go, plus data some phones append after the image. */
async function uploadWithMetadata(orientation = 6): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } });
  return Buffer.concat([await withPhoneMetadata(image, orientation), Buffer.from("SEFT trailer: Traveler Name")]);
}

const strip = (bytes: Uint8Array) => {
  const out = readJpeg(bytes);
  expect(out).not.toBeNull();
  return Buffer.from(out!.stripped);
};

/** The first frame header (SOFn) of a JPEG: where precision, size and components are written. */
const frameAt = (jpeg: Buffer) => jpeg.findIndex((b, i) => b === 0xff && [0xc0, 0xc1, 0xc2].includes(jpeg[i + 1]));

describe("readJpeg", () => {
  it("drops EXIF (GPS, device), XMP, comments and trailing data, keeping the image and its colour profile", async () => {
    const input = await uploadWithMetadata();
    expect(input.includes(rationals(GPS_LATITUDE, true)) || input.includes(rationals(GPS_LATITUDE, false))).toBe(true);

    const output = strip(input);
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
    const output = strip(await uploadWithMetadata(1));
    expect(jpegHeaderMarkers(output)).not.toContain(0xe1);
    expect((await sharp(output).metadata()).orientation).toBeUndefined();
  });

  it("refuses a truncated upload, one without a frame or scan, and bytes that only start like a JPEG", async () => {
    const input = await uploadWithMetadata();
    const withoutTrailer = input.subarray(0, input.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
    expect(readJpeg(withoutTrailer.subarray(0, withoutTrailer.length - 200))).toBeNull();
    const sos = input.indexOf(Buffer.from([0xff, 0xda]));
    expect(readJpeg(input.subarray(0, sos))).toBeNull();
    expect(readJpeg(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from("not a segment at all"), Buffer.from([0xff, 0xd9])]))).toBeNull();
    // A segment whose length runs past the end of the file.
    expect(readJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0x4a, 0x46]))).toBeNull();
    // Without its quantization tables.
    let noTables = Buffer.from(input);
    for (let at = noTables.indexOf(Buffer.from([0xff, 0xdb])); at !== -1; at = noTables.indexOf(Buffer.from([0xff, 0xdb]))) {
      noTables = Buffer.concat([noTables.subarray(0, at), noTables.subarray(at + 2 + noTables.readUInt16BE(at + 2))]);
    }
    expect(readJpeg(noTables)).toBeNull();
    // A scan before any frame header.
    expect(readJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9]))).toBeNull();
    expect(readJpeg(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it("reads the size and orientation sharp reads, for every orientation and both EXIF byte orders", async () => {
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const input = await uploadWithMetadata(orientation);
      const meta = await sharp(input).metadata();
      expect(readJpeg(input)).toMatchObject({ width: meta.width, height: meta.height, orientation: meta.orientation ?? 1 });
    }
    // libvips writes big-endian EXIF; many phones write little-endian ("II").
    const upright = await sharp({ create: { width: 20, height: 10, channels: 3, background: "#888" } }).jpeg().toBuffer();
    const littleEndianExif = Buffer.from([
      0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00,
      0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00,
      0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]);
    const phone = Buffer.concat([upright.subarray(0, 2), littleEndianExif, upright.subarray(2)]);
    expect((await sharp(phone).metadata()).orientation).toBe(8);
    expect(readJpeg(phone)).toMatchObject({ width: 20, height: 10, orientation: 8 });
  });

  it("refuses frames libjpeg does not decode (lossless, 12-bit, zero-sized) and arithmetic-coded ones", async () => {
    const input = await uploadWithMetadata();
    const at = frameAt(input);
    const altered = (offset: number, value: number) => {
      const copy = Buffer.from(input);
      copy[at + offset] = value;
      return copy;
    };
    expect(readJpeg(altered(1, 0xc3))).toBeNull(); // lossless
    expect(readJpeg(altered(1, 0xc9))).toBeNull(); // arithmetic-coded: its data cannot be checked
    expect(readJpeg(altered(1, 0xca))).toBeNull(); // arithmetic-coded, progressive
    expect(readJpeg(altered(4, 12))).toBeNull(); // 12-bit samples
    const zeroHeight = altered(5, 0);
    zeroHeight[at + 6] = 0;
    expect(readJpeg(zeroHeight)).toBeNull();
    expect(readJpeg(input)).not.toBeNull();
  });

  it("refuses every header libjpeg refuses, where sharp's own read or decode fails too", async () => {
    const input = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#886" } }).jpeg().toBuffer();
    const at = frameAt(input);
    const frameEnd = at + 2 + input.readUInt16BE(at + 2);
    const scan = input.indexOf(Buffer.from([0xff, 0xda]));
    const huffman = input.indexOf(Buffer.from([0xff, 0xc4]));
    const changed = (offset: number, value: number) => {
      const copy = Buffer.from(input);
      copy[offset] = value;
      return copy;
    };
    const shortFrame = Buffer.from(input.subarray(at, at + 10));
    shortFrame.writeUInt16BE(8, 2); // claims 3 components, holds none
    const broken = {
      "a second frame header": Buffer.concat([input.subarray(0, frameEnd), input.subarray(at, frameEnd), input.subarray(frameEnd)]),
      "a frame shorter than its components": Buffer.concat([input.subarray(0, at), shortFrame, input.subarray(frameEnd)]),
      "a sampling factor of 0": changed(at + 11, 0x00),
      "a quantization table never defined": changed(at + 12, 3),
      "a scan naming a component the frame lacks": changed(scan + 5, 0x77),
      "a Huffman table of more than 256 codes": changed(huffman + 5, 0xff),
    };
    for (const [why, bytes] of Object.entries(broken)) {
      expect(readJpeg(bytes), why).toBeNull();
      await expect(sharp(bytes, { failOn: "error" }).rotate().jpeg().toBuffer(), why).rejects.toThrow();
    }
  });

  it("keeps nothing after the image: an appended preview with its own EXIF, a trailer holding an end marker", async () => {
    const image = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#886" } }).jpeg().toBuffer();
    const preview = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
      .withMetadata({ exif: { IFD0: { Make: "SecretPhoneCo", Artist: "Traveler Name" } } })
      .jpeg()
      .toBuffer();
    for (const appended of [preview, Buffer.concat([Buffer.from("GPS 32.5N -117.0W Traveler Name"), Buffer.from([0xff, 0xd9])])]) {
      const output = strip(Buffer.concat([image, appended]));
      expect(output.includes(Buffer.from("Traveler Name"))).toBe(false);
      expect(output.equals(image)).toBe(true);
    }
  });

  it("drops metadata between a progressive photo's scans and keeps the picture", async () => {
    const progressive = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 120, b: 200 } } })
      .jpeg({ progressive: true })
      .toBuffer();
    const scans = [...progressive.entries()].filter(([i, b]) => b === 0xff && progressive[i + 1] === 0xda).map(([i]) => i);
    expect(scans.length).toBeGreaterThan(1);
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x10]), Buffer.from("Traveler Name!")]);
    const input = Buffer.concat([progressive.subarray(0, scans[1]), comment, progressive.subarray(scans[1])]);
    const output = strip(input);
    expect(output.includes(Buffer.from("Traveler Name"))).toBe(false);
    const pixels = (b: Buffer) => sharp(b).raw().toBuffer();
    expect((await pixels(output)).equals(await pixels(progressive))).toBe(true);
  });

  it("reads the orientation as libvips does: the first Exif segment, SHORT or LONG", async () => {
    const upright = await sharp({ create: { width: 20, height: 10, channels: 3, background: "#888" } }).jpeg().toBuffer();
    const exif = (type: 3 | 4, value: number) => {
      const tiff = Buffer.alloc(26);
      tiff.write("MM", 0, "latin1");
      tiff.writeUInt16BE(42, 2);
      tiff.writeUInt32BE(8, 4);
      tiff.writeUInt16BE(1, 8);
      tiff.writeUInt16BE(0x0112, 10);
      tiff.writeUInt16BE(type, 12);
      tiff.writeUInt32BE(1, 14);
      if (type === 4) tiff.writeUInt32BE(value, 18);
      else tiff.writeUInt16BE(value, 18);
      const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
      return Buffer.concat([Buffer.from([0xff, 0xe1, 0, body.length + 2]), body]);
    };
    const withSegments = (...segments: Buffer[]) => Buffer.concat([upright.subarray(0, 2), ...segments, upright.subarray(2)]);
    for (const bytes of [withSegments(exif(4, 6)), withSegments(exif(3, 1), exif(3, 3)), withSegments(exif(3, 6), exif(3, 3))]) {
      expect(readJpeg(bytes)?.orientation).toBe((await sharp(bytes).metadata()).orientation ?? 1);
    }
  });
});
