import "server-only";
// Decides what an upload is from its first bytes. The declared Content-Type and file name are
// chosen by the client, so they are never trusted; only these three formats ever reach the
// image decoder, which keeps libvips' other loaders (SVG, PDF, TIFF, GIF, HEIF...) out of reach.

export type PhotoType = "jpeg" | "png" | "webp";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
const WEBP = [0x57, 0x45, 0x42, 0x50]; // "WEBP", after the 4-byte RIFF chunk size

function startsWithAt(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  // SOI marker followed by the first byte of the next marker.
  if (startsWithAt(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWithAt(bytes, PNG_MAGIC)) return "png";
  if (startsWithAt(bytes, RIFF) && startsWithAt(bytes, WEBP, 8)) return "webp";
  return null;
}
