import "server-only";
import sharp from "sharp";

/**
 * Whether a JPEG's image data decodes: every scan's entropy-coded data, from its first bit to the
 * marker after it. jpeg-segments.ts has read the headers by then; this is what headers cannot tell.
 *
 * Why a plain decode is not enough (valid headers over random bytes would be stored as a photo).
 * libjpeg reports damaged data only as warnings (a bad Huffman code, a scan that ends early, bytes
 * left over after one) and carries on, filling in grey; sharp's `failOn: "error"` lets all of them
 * through. `failOn: "warning"` alone still misses two cases:
 * - libvips never calls jpeg_finish_decompress, so in a one-scan (baseline) image, what the app
 *   sends, nothing checks that the data ends where the last block ends. Random bytes without an
 *   0xFF hardly ever form an invalid Huffman code (that needs sixteen 1 bits in a row), so they
 *   decode, as noise, without a single warning;
 * - a warning raised while the last strip of rows is decoded is logged, not returned: libvips
 *   fails the next request for pixels, and there is none.
 *
 * One change to a copy of the frame header closes both: components that no scan codes are added
 * to it. libjpeg then reads the image as a multi-scan one, and jpeg_start_decompress decodes every
 * scan into its coefficient buffer, reading the markers between the scans and after the last one
 * up to the end-of-image marker, before a single row is produced. A bad code, data that runs out,
 * or bytes left over after a scan's last block now warn before any pixel is asked for, and
 * `failOn: "warning"` refuses the image. The added components decode as zeros. Two or five
 * components in all leave libjpeg's colour space "unknown", so nothing is colour-converted (four
 * would read as CMYK, whose conversion costs ten times the decode).
 *
 * The copy is decoded at 1/8 scale (libjpeg's DCT scaling): every coefficient is still decoded,
 * only the DC term is transformed, so the check costs little more than a plain 1/8 decode (which
 * lets random data through), nearly all of it on the libuv pool rather than the main thread.
 */
export async function jpegDataDecodes(jpeg: Uint8Array, limits: { maxPixels: number; timeoutSeconds: number }): Promise<boolean> {
  const probe = withUncodedComponents(jpeg);
  if (probe === null) return false;
  try {
    await sharp(probe, { failOn: "warning", limitInputPixels: limits.maxPixels })
      // Small enough that sharp asks libjpeg for the 1/8 scale of anything over 512 px.
      .resize({ width: 64, height: 64, fit: "inside" })
      .raw()
      .timeout({ seconds: limits.timeoutSeconds })
      .toBuffer();
    return true;
  } catch {
    return false;
  }
}

const isFrame = (marker: number) => marker === 0xc0 || marker === 0xc1 || marker === 0xc2;

/**
 * A copy of `jpeg` whose frame header lists one or two more components (1 → 2, 3 → 5, 4 → 5),
 * sampled 1×1 and named by ids the frame does not use; null without a frame header before the
 * first scan. `jpeg` is a file jpeg-segments.ts has read: its header segments are well formed.
 */
function withUncodedComponents(jpeg: Uint8Array): Uint8Array | null {
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at] === 0xff; at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3])) {
    const marker = jpeg[at + 1];
    if (marker === 0xda) return null;
    if (!isFrame(marker)) continue;
    const length = (jpeg[at + 2] << 8) | jpeg[at + 3];
    const count = jpeg[at + 9];
    const extra = count === 3 ? 2 : 1;
    const used = new Set(Array.from({ length: count }, (_, i) => jpeg[at + 10 + 3 * i]));
    const firstTable = jpeg[at + 12];
    const added: number[] = [];
    for (let id = 0; added.length < 3 * extra; id++) if (!used.has(id)) added.push(id, 0x11, firstTable);

    const end = at + 2 + length;
    const out = new Uint8Array(jpeg.length + added.length);
    out.set(jpeg.subarray(0, end));
    out.set(added, end);
    out.set(jpeg.subarray(end), end + added.length);
    const newLength = length + added.length;
    out[at + 2] = newLength >> 8;
    out[at + 3] = newLength & 0xff;
    out[at + 9] = count + extra;
    return out;
  }
  return null;
}
