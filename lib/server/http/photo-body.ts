import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { mediaType, readBoundedBody } from "./body";
import type { BodyHold } from "./memory-budget";

/** The image types a photo may be sent as: what a booking's photo parts may hold. */
const PHOTO_MEDIA_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);

/**
 * A body that is a photo itself (PUT …/travelers/{index}/photo): declared as an image type the API
 * takes (else 415 unsupported_media_type), and no larger than `maxBytes` (else 413
 * payload_too_large, refused while it streams in), counted against the memory budget by `hold`. The declared type only gates the request: what
 * the bytes are is decided from the bytes (lib/photos/server), as for a booking's photo parts.
 */
export async function readPhotoBody(request: Request, maxBytes: number, hold: BodyHold): Promise<Uint8Array> {
  if (!PHOTO_MEDIA_TYPES.has(mediaType(request))) throw new AppError("unsupported_media_type");
  return readBoundedBody(request, maxBytes, hold);
}
