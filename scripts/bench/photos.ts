import sharp from "sharp";

/**
 * Test photos for the booking burst. They must cost the server what real uploads cost: the
 * server decodes and re-encodes every photo, and that work depends on pixel count and on how
 * busy the image is. A flat image would decode (and compress) far faster than a phone photo,
 * so these are smooth gradients plus per-pixel noise at the size the booking app uploads: it
 * scales each camera frame to 640 px on the phone (lib/photos/client/compress.ts), so 480×640.
 */
export const PHOTO_WIDTH = 480;
export const PHOTO_HEIGHT = 640;

export async function makePhotos(count: number): Promise<Buffer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => makePhoto(i)));
}

async function makePhoto(index: number): Promise<Buffer> {
  const raw = Buffer.alloc(PHOTO_WIDTH * PHOTO_HEIGHT * 3);
  // A seeded generator: the same photos every run, so sizes (and server cost) are comparable.
  let seed = 12345 + index * 7919;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  // Noise amplitude drives the compressed size: 24–32 gives ~95–130 KB at quality 85.
  const noise = 24 + (index % 5) * 2;
  const fx = 1 + index;
  const fy = 2 + (index % 3);
  let o = 0;
  for (let y = 0; y < PHOTO_HEIGHT; y++) {
    for (let x = 0; x < PHOTO_WIDTH; x++) {
      const base = 128 + 60 * Math.sin((x / PHOTO_WIDTH) * Math.PI * fx + index) * Math.cos((y / PHOTO_HEIGHT) * Math.PI * fy);
      for (let c = 0; c < 3; c++) {
        const v = base + (c - 1) * 30 * (y / PHOTO_HEIGHT) + (random() - 0.5) * noise;
        raw[o++] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return sharp(raw, { raw: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

export type ReencodeCost = { msPerPhoto: number; cpuMsPerPhoto: number; photosPerSecond: number };

/**
 * What re-encoding these photos costs on this machine, measured here in the bench process
 * before any server runs, so the booking numbers can be compared with it: if the server can
 * re-encode at most N photos a second, it cannot seat more than N travelers a second.
 *
 * The pipeline mirrors lib/photos/server/process.ts (header read, then rotate → resize inside 1024 →
 * flatten → sRGB → JPEG q80, cache off). It is copied, not imported, because that module starts
 * with `import "server-only"`, which throws outside Next.js' server bundle. If the server's
 * pipeline changes, this estimate drifts; the burst numbers themselves are unaffected.
 */
export async function measureReencode(photos: Buffer[], rounds = 40): Promise<ReencodeCost> {
  sharp.cache(false);
  const once = async (bytes: Buffer) => {
    await sharp(bytes, { limitInputPixels: false, failOn: "error" }).metadata();
    await sharp(bytes, { limitInputPixels: 24_000_000, failOn: "error", sequentialRead: true })
      .rotate()
      .resize({ width: 1024, height: 1024, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .jpeg({ quality: 80 })
      .toBuffer();
  };
  for (const photo of photos) await once(photo); // warm-up: libvips loads codecs lazily

  // One at a time: the latency one photo adds to one request (sharp may use several threads).
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await once(photos[i % photos.length]);
  const serialMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  // As many at once as libuv's threadpool runs (4 by default), like a server under a burst.
  const parallel = rounds * 2;
  const t1 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < parallel) await once(photos[next++ % photos.length]);
    }),
  );
  const parallelMs = performance.now() - t1;

  return {
    msPerPhoto: serialMs / rounds,
    cpuMsPerPhoto: (cpu.user + cpu.system) / 1000 / rounds,
    photosPerSecond: (parallel / parallelMs) * 1000,
  };
}
