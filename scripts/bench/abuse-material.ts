import { randomBytes } from "node:crypto";
import { CompactEncrypt, importJWK, type JWK } from "jose";
import sharp from "sharp";

/**
 * What the abusive clients of bench:abuse send, made once before the run. Every photo and body is
 * within the server's limits (lib/photos/server/process.ts: 2048 px a side, 5 MiB a photo;
 * lib/server/config/env.ts: MAX_BODY_BYTES), so nothing is refused by a cheap check: the cost
 * they aim at is the decode, the bytes read and held, the time a socket is kept.
 */

/** The pixel cap: the most any side of an accepted photo may have. */
const MAX_SIDE = 2048;
/** A photo part's size cap on the server. */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The server's default MAX_BODY_BYTES: by default the heavy bodies are as large as it allows. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** How many photos make a heavy body of `bodyBytes`: at least three, each within MAX_PHOTO_BYTES. */
export function heavyPhotoCount(bodyBytes: number): number {
  return Math.max(3, Math.ceil(bodyBytes / (MAX_PHOTO_BYTES * 0.98)));
}

/**
 * A lossless PNG or WebP of MAX_SIDE² pixels that compresses to almost nothing: smooth gradients,
 * a few kilobytes on the wire and 4.2 million pixels (12.6 MB) to decode. The "ten
 * lossless WebPs in a 14 KB request" at the cap that holds now.
 */
export async function bombPhoto(format: "png" | "webp", variant: number): Promise<Buffer> {
  const size = MAX_SIDE;
  const raw = Buffer.alloc(size * size * 3);
  let o = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      raw[o++] = (x >> 3) + variant * 40;
      raw[o++] = y >> 3;
      raw[o++] = ((x + y) >> 4) + variant * 17;
    }
  }
  const image = sharp(raw, { raw: { width: size, height: size, channels: 3 } });
  // Effort 0: the bench makes these in a second, and the decoder's work is the same.
  return format === "png" ? image.png({ compressionLevel: 6, adaptiveFiltering: true }).toBuffer() : image.webp({ lossless: true, effort: 0 }).toBuffer();
}

/**
 * A PNG of noise stored without compression, heavyPhotoCount(bodyBytes) of which (with the form
 * around them) come just under `bodyBytes`: a body as large as the server takes.
 */
export async function heavyPhoto(seed: number, bodyBytes: number): Promise<Buffer> {
  const width = 1024;
  // 3 bytes a pixel and a filter byte a row; 1 % left for the PNG's and the form's framing.
  const height = Math.floor(((bodyBytes / heavyPhotoCount(bodyBytes)) * 0.99) / (width * 3 + 1));
  const raw = randomBytes(width * height * 3);
  raw[0] = seed;
  const png = await sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  if (png.length > MAX_PHOTO_BYTES) throw new Error(`heavy photo is ${png.length} bytes, over the photo limit`);
  return png;
}

/** A multipart/form-data body: the application JSON, then one file part per photo (photo.0 …). */
export function multipart(applicationJson: string, photos: Buffer[], types: string[]): { body: Buffer; contentType: string } {
  const boundary = `----puerta-abuse-${randomBytes(16).toString("hex")}`;
  if (photos.some((photo) => photo.includes(boundary))) throw new Error("the multipart boundary occurs in a photo");
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="application"\r\nContent-Type: application/json\r\n\r\n${applicationJson}`),
  ];
  photos.forEach((photo, i) => {
    const type = types[i % types.length];
    parts.push(Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="photo.${i}"; filename="photo-${i}"\r\nContent-Type: ${type}\r\n\r\n`), photo);
  });
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** `plaintext` sealed to the server's key as the booking app's outbox seals (lib/offline/client/seal.ts). */
export async function seal(plaintext: Buffer, contentType: string, key: JWK): Promise<Buffer> {
  const publicKey = await importJWK(key, "ECDH-ES");
  const jwe = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM", kid: key.kid, cty: contentType }).encrypt(publicKey);
  return Buffer.from(jwe);
}
