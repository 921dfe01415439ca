import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { appPhoto, scanData, seededBytes, withGarbageData } from "@/tests/support/images";
import { jpegDataDecodes } from "./jpeg-data";

const LIMITS = { maxPixels: 2048 * 2048, timeoutSeconds: 10 };
const decodes = (jpeg: Buffer) => jpegDataDecodes(jpeg, LIMITS);

type Kind = { width: number; height: number; colour: "grey" | "rgb" | "cmyk"; progressive: boolean; chromaSubsampling: string; optimiseCoding: boolean };

/** What encoders write: every colour model libjpeg reads, both scan layouts, odd sizes, with photo-like noise. */
const KINDS: Kind[] = [
  { width: 480, height: 640, colour: "rgb", progressive: false, chromaSubsampling: "4:2:0", optimiseCoding: false },
  { width: 640, height: 480, colour: "rgb", progressive: true, chromaSubsampling: "4:2:0", optimiseCoding: true },
  { width: 333, height: 517, colour: "rgb", progressive: false, chromaSubsampling: "4:4:4", optimiseCoding: true },
  { width: 517, height: 333, colour: "rgb", progressive: true, chromaSubsampling: "4:4:4", optimiseCoding: false },
  { width: 97, height: 61, colour: "grey", progressive: false, chromaSubsampling: "4:2:0", optimiseCoding: false },
  { width: 61, height: 97, colour: "grey", progressive: true, chromaSubsampling: "4:2:0", optimiseCoding: true },
  { width: 200, height: 150, colour: "cmyk", progressive: false, chromaSubsampling: "4:4:4", optimiseCoding: false },
  { width: 150, height: 200, colour: "cmyk", progressive: true, chromaSubsampling: "4:4:4", optimiseCoding: false },
  { width: 1, height: 1, colour: "rgb", progressive: false, chromaSubsampling: "4:2:0", optimiseCoding: false },
  { width: 2048, height: 1536, colour: "rgb", progressive: false, chromaSubsampling: "4:2:0", optimiseCoding: false },
];

async function encoded({ width, height, colour, ...options }: Kind): Promise<Buffer> {
  // Seeded noise, not sharp's own (a new picture each run): a case that passes passes every run.
  const raw = { width, height, channels: 3 as const };
  let image = sharp(seededBytes(width * height * 3, width * 7919 + height), { raw }).blur(1.2);
  if (colour === "grey") image = image.greyscale();
  if (colour === "cmyk") image = image.toColourspace("cmyk");
  return image.jpeg({ quality: 85, ...options }).toBuffer();
}

/** What the SOS header ending at `start` says: whether the scan codes only DC terms, and whether it refines (Ah > 0). */
function scanHeader(jpeg: Buffer, start: number): { dcOnly: boolean; refines: boolean } {
  const header = jpeg.subarray(jpeg.lastIndexOf(Buffer.from([0xff, 0xda]), start), start);
  const count = header[4];
  const [ss, se, ahAl] = header.subarray(5 + 2 * count);
  return { dcOnly: ss === 0 && se === 0, refines: ahAl >> 4 > 0 };
}

const name = (k: Kind) => `${k.width}×${k.height} ${k.colour} ${k.progressive ? "progressive" : "baseline"} ${k.chromaSubsampling}`;

describe("jpegDataDecodes", () => {
  it.each(KINDS.map((k) => [name(k), k] as const))("accepts what an encoder writes: %s", async (_, kind) => {
    expect(await decodes(await encoded(kind))).toBe(true);
  });

  it.each(KINDS.filter((k) => k.width > 1).map((k) => [name(k), k] as const))("refuses its data damaged: %s", async (_, kind) => {
    const jpeg = await encoded(kind);
    const scans = scanData(jpeg);
    const last = scans[scans.length - 1];
    // A refinement scan (Ah > 0) is mostly raw correction bits: random bits there are often a
    // valid refinement, a picture differing from the photo in the least bit of some coefficients
    // (one seed in six, for the 61×97 grey one). Half of a first-pass scan random is never one.
    const lastFirstPass = scans.findLastIndex(({ start }) => scanHeader(jpeg, start).refines === false);
    const damaged = {
      "every scan's data random": withGarbageData(jpeg),
      "the last first-pass scan random from its middle": withGarbageData(jpeg, { from: 0.5, which: [lastFirstPass] }),
      "the last data byte missing": Buffer.concat([jpeg.subarray(0, last.end - 1), jpeg.subarray(last.end)]),
      "the data cut to a quarter": Buffer.concat([jpeg.subarray(0, last.start + ((last.end - last.start) >> 2)), jpeg.subarray(last.end)]),
      "random bytes appended to the data": Buffer.concat([jpeg.subarray(0, last.end), seededBytes(64, 7).map((b) => b & 0x7f), jpeg.subarray(last.end)]),
    };
    for (const [why, bytes] of Object.entries(damaged)) expect(await decodes(bytes), why).toBe(false);
  });

  it("refuses random data in any Huffman-coded scan of a progressive photo", async () => {
    const jpeg = await encoded(KINDS[1]);
    const scans = scanData(jpeg);
    expect(scans.length).toBeGreaterThan(5);
    // A DC refinement scan (Ss = Se = 0, Ah > 0) is one raw bit per block, with no code to get
    // wrong: any bits are a picture, differing from the photo in the least bit of each block's mean.
    for (const [i, { start }] of scans.entries()) {
      const { dcOnly, refines } = scanHeader(jpeg, start);
      if (dcOnly && refines) continue;
      expect(await decodes(withGarbageData(jpeg, { which: [i], seed: 100 + i })), `scan ${i}`).toBe(false);
    }
  });

  it("finds what a decode that fails on warnings alone lets through", async () => {
    // Why jpeg-data.ts adds components to the frame: libvips decodes the app's own kind of photo,
    // its data replaced by random bytes, without one warning. If this ever fails, libvips checks
    // the end of the data itself, and the added components may no longer be needed.
    const garbage = withGarbageData(await appPhoto());
    await expect(sharp(garbage, { failOn: "warning" }).raw().toBuffer()).resolves.toBeInstanceOf(Buffer);
    expect(await decodes(garbage)).toBe(false);
  });
});
