import sharp from "sharp";

let cached: Promise<Buffer> | undefined;

/**
 * A real JPEG made on the spot, so no binary file is kept in the repository: a noisy colour
 * gradient (800×600 by default), which decodes, re-encodes and passes the server's checks like a
 * phone's photo. The noise is from a fixed seed, so every run sends the same bytes.
 */
function jpegPhoto(): Promise<Buffer> {
  return (cached ??= makeJpeg(800, 600));
}

async function makeJpeg(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 0x2f6b3a1d;
  const noise = () => {
    // xorshift32: deterministic and fast enough for half a million pixels.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) % 41) - 20;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = clamp(60 + (150 * x) / width + noise());
      pixels[i + 1] = clamp(90 + (110 * y) / height + noise());
      pixels[i + 2] = clamp(170 - (90 * x) / width + noise());
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

const clamp = (n: number) => Math.max(0, Math.min(255, Math.round(n)));

/** The photo as `setInputFiles` and multipart bodies take it. */
export async function jpegFile(name = "photo.jpg") {
  return { name, mimeType: "image/jpeg", buffer: await jpegPhoto() };
}
