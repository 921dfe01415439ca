import "server-only";
/**
 * The one EXIF field a photo keeps: its orientation. EXIF is a TIFF structure (JPEG's APP1 and
 * WebP's EXIF chunk put "Exif\0\0" before it, PNG's eXIf chunk does not); everything else in it
 * (GPS, the device, times) is dropped in the request, and the orientation written back alone, so
 * that the background re-encode still turns the photo upright.
 */

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/** Whether `bytes` start with "Exif\0\0". */
export const hasExifHeader = (bytes: Uint8Array) => bytes.length >= 6 && EXIF_HEADER.every((b, i) => bytes[i] === b);

/** The Orientation tag (0x0112) of a TIFF structure's first IFD, 1 (upright) when absent or invalid. */
function tiffOrientation(bytes: Uint8Array): number {
  if (bytes.length < 8) return 1;
  const tiff = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Byte order, 42, offset of the first IFD.
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  if (tiff.getUint16(2, little) !== 42) return 1;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return 1;
  const count = tiff.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return 1;
    if (tiff.getUint16(entry, little) !== 0x0112) continue;
    // SHORT (the standard) or LONG (some writers), the first value held in the value field.
    const type = tiff.getUint16(entry + 2, little);
    if ((type !== 3 && type !== 4) || tiff.getUint32(entry + 4, little) < 1) return 1;
    const value = type === 3 ? tiff.getUint16(entry + 8, little) : tiff.getUint32(entry + 8, little);
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

/** The orientation of EXIF data that may or may not start with "Exif\0\0". */
export const exifOrientation = (exif: Uint8Array) => tiffOrientation(hasExifHeader(exif) ? exif.subarray(6) : exif);

/** A TIFF structure holding one IFD entry, Orientation (SHORT) = `orientation`; 26 bytes. */
export function orientationTiff(orientation: number): Uint8Array {
  // prettier-ignore
  return new Uint8Array([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, first IFD at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation = n
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

/** The same, after "Exif\0\0": what JPEG's APP1 and WebP's EXIF chunk hold. */
export const orientationExif = (orientation: number) => new Uint8Array([...EXIF_HEADER, ...orientationTiff(orientation)]);
