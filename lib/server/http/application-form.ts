import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { AppError, validationFailed } from "@/lib/shared/errors/app-error";
import { mediaType, readBoundedBody } from "./body";
import { nestsTooDeeply } from "./json-depth";
import type { BodyHold } from "./memory-budget";
import { parseMultipart, type MultipartPart } from "./multipart";
import { sealedBodyLimit, unsealBody } from "./sealed-body";

/**
 * A booking form as it arrived: the `application` part parsed as JSON but not validated, since
 * idempotency needs the raw body (a repeat with another body must hear idempotency_key_reused
 * even when that body is invalid), and the photo parts by traveler position.
 */
export type ReceivedForm = { application: unknown; photos: (Uint8Array | undefined)[] };

/** How many travelers a received form names, before validation (what the rate limit weighs). */
export function travelersNamed(form: ReceivedForm): number {
  const travelers = (form.application as { travelers?: unknown } | null)?.travelers;
  return Array.isArray(travelers) ? travelers.length : 0;
}

/**
 * The booking form of POST /api/v1/appointments, plain or sealed, within MAX_BODY_BYTES, its bytes
 * counted in `hold` (the sealed text and the plaintext opened from it, both held until the
 * submission is decided: the photos are views into the plaintext).
 */
export async function readApplicationForm(request: Request, hold: BodyHold): Promise<ReceivedForm> {
  const parts = await readForm(request, hold);
  const part = parts.find((p) => p.name === "application");
  if (part === undefined) throw validationFailed([{ path: "application", key: "required" }]);
  let application: unknown;
  try {
    application = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(part.data));
  } catch {
    throw validationFailed([{ path: "application", key: "invalid_json" }]);
  }
  if (nestsTooDeeply(application)) throw validationFailed([{ path: "application", key: "nested_too_deeply" }]);
  const photos: (Uint8Array | undefined)[] = [];
  for (const { name, filename, data } of parts) {
    const match = /^photo\.(\d)$/.exec(name);
    // A photo is a file part; the same name sent twice keeps the last, as before.
    if (match && filename !== undefined) photos[Number(match[1])] = data;
  }
  return { application, photos };
}

/**
 * The multipart form, sent plain or sealed on the phone (application/jose). Once unsealed, a sealed
 * body is the very multipart a plain send carries, so everything after this (validation, errors,
 * the idempotency fingerprint) cannot tell the two apart.
 */
async function readForm(request: Request, hold: BodyHold): Promise<MultipartPart[]> {
  const maxBytes = getConfig().MAX_BODY_BYTES;
  const type = mediaType(request);
  let body: Uint8Array;
  let contentType: string;
  if (type === "multipart/form-data") {
    body = await readBoundedBody(request, maxBytes, hold);
    contentType = request.headers.get("content-type")!;
  } else if (type === "application/jose") {
    const sealed = await readBoundedBody(request, sealedBodyLimit(maxBytes), hold);
    ({ body, contentType } = await unsealBody(sealed, maxBytes, hold));
  } else {
    throw new AppError("unsupported_media_type");
  }
  const parts = parseMultipart(body, contentType);
  if (parts === null) throw new AppError("malformed_request");
  return parts;
}
