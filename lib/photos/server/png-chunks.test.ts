import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GPS_LATITUDE, pngBomb, pngChunks, rationals, withPhoneMetadata, withPngChunk } from "@/tests/support/images";
import { readPng } from "./png-chunks";

const pixels = (bytes: Uint8Array) => sharp(bytes).rotate().raw().toBuffer();

/** A phone's PNG: EXIF (orientation, make, GPS), a Display P3 profile, XMP naming a person, a caption and a trailer. */
async function pngWithMetadata(orientation = 6): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } });
  const png = await withPhoneMetadata(image, orientation, "png");
  return Buffer.concat([withPngChunk(png, "tEXt", Buffer.from("Comment\0secret comment", "latin1")), Buffer.from("trailer: Traveler Name")]);
}

const read = (bytes: Uint8Array) => {
  const reading = readPng(bytes);
  expect(reading).not.toBeNull();
  return { ...reading!, stripped: Buffer.from(reading!.stripped) };
};

describe("readPng", () => {
  it("drops EXIF (GPS, device), XMP, text and trailing data, keeping the pixels, transparency, colour profile and orientation", async () => {
    const input = await pngWithMetadata();
    expect(pngChunks(input)).toEqual(expect.arrayContaining(["eXIf", "iCCP", "tEXt"]));
    expect(input.includes(rationals(GPS_LATITUDE, true)) || input.includes(rationals(GPS_LATITUDE, false))).toBe(true);
    const { width, height, orientation, stripped } = read(input);
    expect([width, height, orientation]).toEqual([64, 48, 6]);
    for (const needle of ["CheapPhoneCo", "xmpmeta", "Traveler", "secret comment"]) expect(stripped.includes(Buffer.from(needle)), needle).toBe(false);
    expect(stripped.includes(rationals(GPS_LATITUDE, true)) || stripped.includes(rationals(GPS_LATITUDE, false))).toBe(false);
    expect(pngChunks(stripped)).toEqual(["IHDR", "eXIf", "iCCP", "pHYs", "IDAT", "IEND"]);
    const meta = await sharp(stripped).metadata();
    expect(meta).toMatchObject({ format: "png", width: 64, height: 48, orientation: 6, hasAlpha: true });
    expect(meta.icc).toBeDefined();
    expect(meta.xmp).toBeUndefined();
    expect((await pixels(stripped)).equals(await pixels(input))).toBe(true);
  });

  it("adds no eXIf at all for an upright photo", async () => {
    const { stripped } = read(await pngWithMetadata(1));
    expect(pngChunks(stripped)).not.toContain("eXIf");
    expect((await sharp(stripped).metadata()).orientation).toBeUndefined();
  });

  it("reads the size sharp reads, for every colour type, bit depth and interlacing", async () => {
    const rgb = sharp({ create: { width: 37, height: 23, channels: 3, background: "#3a7" } });
    const cases = [
      await rgb.clone().png().toBuffer(),
      await rgb.clone().png({ palette: true }).toBuffer(),
      await rgb.clone().png({ progressive: true }).toBuffer(),
      await rgb.clone().greyscale().png().toBuffer(),
      await rgb.clone().ensureAlpha(0.3).png().toBuffer(),
      await rgb.clone().toColourspace("rgb16").png().toBuffer(),
      pngBomb(333, 17),
    ];
    for (const png of cases) {
      const meta = await sharp(png).metadata();
      const { width, height, stripped } = read(png);
      expect([width, height]).toEqual([meta.width, meta.height]);
      expect((await pixels(stripped)).equals(await pixels(png))).toBe(true);
    }
    // A decompression bomb's size is read from its header alone (process.ts refuses it).
    expect(read(pngBomb(20_000, 20_000))).toMatchObject({ width: 20_000, height: 20_000 });
  });

  it("refuses what a decoder refuses from its structure, and a truncated upload", async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#a33" } }).png().toBuffer();
    const idat = png.indexOf(Buffer.from("IDAT")) - 4;
    const iend = png.indexOf(Buffer.from("IEND")) - 4;
    const withIhdrByte = (offset: number, value: number) => {
      const copy = Buffer.from(png);
      copy[16 + offset] = value;
      return copy;
    };
    const cases: [string, Buffer][] = [
      ["cut in the image data", png.subarray(0, idat + 20)],
      ["without IEND", png.subarray(0, iend)],
      ["without IDAT", Buffer.concat([png.subarray(0, idat), png.subarray(iend)])],
      ["the signature alone", png.subarray(0, 8)],
      ["a chunk before IHDR", Buffer.concat([png.subarray(0, 8), png.subarray(iend), png.subarray(8)])],
      ["a second IHDR", Buffer.concat([png.subarray(0, 33), png.subarray(8, 33), png.subarray(33)])],
      ["a width of zero", Buffer.from(withIhdrByte(0, 0).fill(0, 16, 20))],
      ["16-bit palette", withIhdrByte(9, 3).fill(16, 24, 25)],
      ["colour type 5", withIhdrByte(9, 5)],
      ["an unknown compression method", withIhdrByte(10, 1)],
      ["an unknown interlace method", withIhdrByte(12, 2)],
      ["an unknown critical chunk", withPngChunk(png, "ZZZZ", Buffer.from("x"))],
      ["a chunk type that is not letters", withPngChunk(png, "t3Xt", Buffer.from("x"))],
      ["a chunk running past the end", Buffer.concat([png.subarray(0, iend), Buffer.from([0x7f, 0, 0, 0]), Buffer.from("IEND")])],
    ];
    for (const [why, bytes] of cases) expect(readPng(bytes), why).toBeNull();
  });
});
