import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GPS_LATITUDE, rationals, webpChunks, webpOf, withPhoneMetadata } from "@/tests/support/images";
import { readWebp } from "./webp-chunks";

const pixels = (bytes: Uint8Array) => sharp(bytes).rotate().raw().toBuffer();
const translucent = () => sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } });
const opaque = () => sharp({ create: { width: 37, height: 23, channels: 3, background: "#3a7" } });

const read = (bytes: Uint8Array) => {
  const reading = readWebp(bytes);
  expect(reading).not.toBeNull();
  return { ...reading!, stripped: Buffer.from(reading!.stripped) };
};
const types = (webp: Buffer) => webpChunks(webp).map((c) => c.type);

describe("readWebp", () => {
  it.each([
    ["lossy", { lossless: false }],
    ["lossless", { lossless: true }],
  ])("drops EXIF (GPS, device) and XMP from a %s photo, keeping the pixels, alpha, colour profile and orientation", async (_, options) => {
    const input = Buffer.concat([await withPhoneMetadata(translucent().webp(options), 6, "webp"), Buffer.from("trailer: Traveler Name")]);
    expect(types(input)).toEqual(expect.arrayContaining(["VP8X", "ICCP", "EXIF", "XMP "]));
    expect(input.includes(rationals(GPS_LATITUDE, true)) || input.includes(rationals(GPS_LATITUDE, false))).toBe(true);
    const { width, height, orientation, stripped } = read(input);
    expect([width, height, orientation]).toEqual([64, 48, 6]);
    for (const needle of ["CheapPhoneCo", "xmpmeta", "Traveler"]) expect(stripped.includes(Buffer.from(needle)), needle).toBe(false);
    expect(stripped.includes(rationals(GPS_LATITUDE, true)) || stripped.includes(rationals(GPS_LATITUDE, false))).toBe(false);
    expect(types(stripped).filter((t) => t !== "ALPH")).toEqual(["VP8X", "ICCP", options.lossless ? "VP8L" : "VP8 ", "EXIF"]);
    const meta = await sharp(stripped).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 64, height: 48, orientation: 6, hasAlpha: true });
    expect(meta.icc).toBeDefined();
    expect(meta.xmp).toBeUndefined();
    expect((await pixels(stripped)).equals(await pixels(input))).toBe(true);
  });

  it("adds no EXIF at all for an upright photo, and keeps a simple file as it is", async () => {
    const upright = read(await withPhoneMetadata(translucent().webp(), 1, "webp")).stripped;
    expect(types(upright)).not.toContain("EXIF");
    expect(webpChunks(upright)[0].payload[0] & 0x0c).toBe(0); // neither the EXIF nor the XMP flag
    expect((await sharp(upright).metadata()).orientation).toBeUndefined();
    for (const simple of [await opaque().webp().toBuffer(), await opaque().webp({ lossless: true }).toBuffer()]) {
      expect(read(simple).stripped.equals(simple)).toBe(true);
    }
  });

  it("reads the size sharp reads: lossy, lossless, with alpha, animated", async () => {
    const frame = (colour: string) => sharp({ create: { width: 16, height: 12, channels: 3, background: colour } }).png().toBuffer();
    const cases = [
      await opaque().webp().toBuffer(),
      await opaque().webp({ lossless: true }).toBuffer(),
      await translucent().webp().toBuffer(),
      await translucent().webp({ lossless: true }).toBuffer(),
      await sharp([await frame("#f00"), await frame("#00f")], { join: { animated: true } }).webp().toBuffer(),
    ];
    for (const webp of cases) {
      const meta = await sharp(webp, { pages: -1 }).metadata();
      const { width, height, stripped } = read(webp);
      expect([width, height]).toEqual([meta.width, meta.pageHeight ?? meta.height]);
      const after = await sharp(stripped, { pages: -1 }).metadata();
      expect([after.width, after.height, after.pages]).toEqual([meta.width, meta.height, meta.pages]);
      expect((await sharp(stripped, { pages: -1 }).raw().toBuffer()).equals(await sharp(webp, { pages: -1 }).raw().toBuffer())).toBe(true);
    }
  });

  it("refuses what libwebp refuses from its structure, and a truncated upload", async () => {
    const lossy = await opaque().webp().toBuffer();
    const lossless = await opaque().webp({ lossless: true }).toBuffer();
    const extended = await translucent().webp().toBuffer();
    const [vp8] = webpChunks(lossy);
    const [vp8l] = webpChunks(lossless);
    const changed = (chunk: { type: string; payload: Buffer }, at: number, value: number) => {
      const payload = Buffer.from(chunk.payload);
      payload[at] = value;
      return webpOf([{ type: chunk.type, payload }]);
    };
    const vp8x = webpChunks(extended)[0];
    const cases: [string, Buffer][] = [
      ["cut in the image data", lossy.subarray(0, lossy.length - 10)],
      ["a RIFF size past the end", Buffer.concat([lossy.subarray(0, 4), Buffer.from([0xff, 0xff, 0, 0]), lossy.subarray(8)])],
      ["the header alone", lossy.subarray(0, 12)],
      ["a first chunk of another kind", webpOf([{ type: "ICCP", payload: Buffer.alloc(8) }, vp8])],
      ["a VP8 frame without its start code", changed(vp8, 3, 0)],
      ["a VP8 frame that is not a key frame", changed(vp8, 0, vp8.payload[0] | 1)],
      ["a VP8L header without its signature", changed(vp8l, 0, 0x2e)],
      ["a VP8L header of an unknown version", changed(vp8l, 4, vp8l.payload[4] | 0xe0)],
      ["an extended file without an image", webpOf([vp8x])],
      ["an extended still whose image is not the canvas' size", webpOf([vp8x, vp8])],
      ["an animated one without frames", webpOf([{ type: "VP8X", payload: Buffer.from([0x02, 0, 0, 0, 15, 0, 0, 11, 0, 0]) }])],
    ];
    for (const [why, bytes] of cases) expect(readWebp(bytes), why).toBeNull();
  });
});
