import "server-only";

/**
 * What the request reads of a photo from its headers, without decoding a pixel: its size in
 * pixels, its EXIF orientation (1 when none), and its bytes without metadata, to be stored for
 * the background decode and re-encode (pending.ts).
 */
export type HeaderReading = { width: number; height: number; orientation: number; stripped: Uint8Array };

/** The parts, one after the other, in one new array. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
