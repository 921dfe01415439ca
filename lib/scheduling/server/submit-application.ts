import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { sealedBodyLimit, unsealBody } from "@/lib/server/http/sealed-body";
import { AppError, validationFailed, type Issue } from "@/lib/shared/errors/app-error";
import { parseOrThrow } from "@/lib/shared/errors/zod-issues";
import { mediaType, readBoundedBody } from "@/lib/server/http/body";
import { parseMultipart, type MultipartPart } from "@/lib/server/http/multipart";
import { fifoLimit } from "@/lib/server/http/fifo-limit";
import { negotiateLocale, type Locale } from "@/lib/shared/i18n/locales";
import { asSubmission, wakePhotoWorker } from "@/lib/photos/server/pending";
import { acceptPhoto, PhotoRejected, type AcceptedPhoto } from "@/lib/photos/server/process";
import { bookFirstCome, findRepeat, precheckDraw, precheckFirstCome, readBookingState, requestDraw } from "./book";
import { checkEligibility } from "@/lib/eligibility/server/eligibility-check";
import { requestFingerprint, type StoredResponse } from "./idempotency";
import { applicationSchema, IDEMPOTENCY_KEY_PATTERN, type Application } from "@/lib/shared/schemas/application";
import { localDate } from "@/lib/shared/time/dates";

// One line per process (see SUBMISSION_CONCURRENCY); made on first use, after the config is read.
let inLine: ReturnType<typeof fifoLimit> | undefined;

/**
 * POST /api/v1/appointments from the raw request to the stored response. Checks run cheapest
 * first, and nothing is written until every check has passed: rejected input is never half-stored.
 */
export async function submitApplication(request: Request, now: Date): Promise<StoredResponse> {
  const idempotencyKey = request.headers.get("idempotency-key");
  if (!idempotencyKey) throw new AppError("missing_idempotency_key");
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new AppError("invalid_idempotency_key");
  // The body is read before the line: a phone uploading slowly on one bar of signal must not hold
  // a place that someone whose body has arrived could use.
  const parts = await readParts(request);
  inLine ??= fifoLimit(getConfig().SUBMISSION_CONCURRENCY);
  const queued = performance.now();
  const response = await inLine(() => {
    // Decided as of its turn: a slot that started while the request waited is not bookable.
    const decidedAt = new Date(now.getTime() + (performance.now() - queued));
    return asSubmission(() => submit({ ...parts, idempotencyKey, locale: negotiateLocale(request.headers.get("accept-language")) }, decidedAt));
  });
  // Photos stored as pending are re-encoded once the submissions calm down.
  if (response.status < 300) wakePhotoWorker();
  return response;
}

type Received = { raw: unknown; photos: (Uint8Array | undefined)[]; idempotencyKey: string; locale: Locale };

async function submit({ raw, photos, idempotencyKey, locale }: Received, now: Date): Promise<StoredResponse> {
  // Computed when first needed: a request answered from the pre-checks (409 slot_full, say) never is.
  let fingerprint: string | undefined;
  const fingerprintOf = () => (fingerprint ??= requestFingerprint(raw, photos.filter((p): p is Uint8Array => p !== undefined)));

  // A repeat gets the first answer before anything that depends on the time (eligibility, seats)
  // is checked. The body's own checks come first because they cannot change between a request
  // and its repeat (the same body passes or fails them the same way), and they let the port,
  // slot and stored answer be read in one query.
  let application: Application;
  let state: Awaited<ReturnType<typeof readBookingState>>;
  try {
    application = validate(raw, now);
    requirePhotos(application, photos);
    state = await readBookingState(idempotencyKey, application.portId, application.slotId, fingerprintOf);
  } catch (error) {
    // Refused before the stored answer was read (invalid body, unknown port): the same key with
    // another body must still hear idempotency_key_reused.
    if (error instanceof AppError && error.code !== "idempotency_key_reused") {
      const repeat = await findRepeat(idempotencyKey, fingerprintOf);
      if (repeat) return repeat;
    }
    throw error;
  }
  if (state.repeat) return state.repeat;
  const { port, slot: named } = state;
  const eligibility = checkEligibility(application, now);
  if (port.mode === "draw") await precheckDraw(application, port, now);
  const slot = port.mode === "draw" ? null : await precheckFirstCome(application, port, named, now);
  const accepted = await acceptAll(photos.slice(0, application.travelers.length) as Uint8Array[]);

  const request = { port, idempotencyKey, fingerprint: fingerprintOf(), application, photos: accepted, eligibility, locale };
  return slot ? bookFirstCome({ ...request, slot }, now) : requestDraw(request, now);
}

/**
 * The multipart form, sent plain or sealed on the phone (application/jose). Once unsealed, a sealed
 * body is the very multipart a plain send carries, so everything after this (validation, errors,
 * the idempotency fingerprint) cannot tell the two apart.
 */
async function readForm(request: Request): Promise<MultipartPart[]> {
  const maxBytes = getConfig().MAX_BODY_BYTES;
  const type = mediaType(request);
  let body: Uint8Array;
  let contentType: string;
  if (type === "multipart/form-data") {
    body = await readBoundedBody(request, maxBytes);
    contentType = request.headers.get("content-type")!;
  } else if (type === "application/jose") {
    const sealed = await readBoundedBody(request, sealedBodyLimit(maxBytes));
    ({ body, contentType } = await unsealBody(sealed, maxBytes));
  } else {
    throw new AppError("unsupported_media_type");
  }
  const parts = parseMultipart(body, contentType);
  if (parts === null) throw new AppError("malformed_request");
  return parts;
}

async function readParts(request: Request): Promise<{ raw: unknown; photos: (Uint8Array | undefined)[] }> {
  const parts = await readForm(request);
  const part = parts.find((p) => p.name === "application");
  if (part === undefined) throw validationFailed([{ path: "application", key: "required" }]);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(part.data));
  } catch {
    throw validationFailed([{ path: "application", key: "invalid_json" }]);
  }
  const photos: (Uint8Array | undefined)[] = [];
  for (const { name, filename, data } of parts) {
    const match = /^photo\.(\d)$/.exec(name);
    // A photo is a file part; the same name sent twice keeps the last, as before.
    if (match && filename !== undefined) photos[Number(match[1])] = data;
  }
  return { raw, photos };
}

function requirePhotos(application: Application, photos: (Uint8Array | undefined)[]): void {
  const missing = application.travelers.flatMap((_, i): Issue[] => (photos[i] ? [] : [{ path: `photo.${i}`, key: "photo_missing" }]));
  if (missing.length > 0) throw new AppError("photo_missing", { issues: missing });
}

function validate(raw: unknown, now: Date): Application {
  const application = parseOrThrow(applicationSchema, raw);
  // "Today" on the applicant's side of the border is at most a day off any port's; UTC suffices.
  const today = localDate(now, "UTC");
  const future = application.travelers.flatMap((t, i): Issue[] =>
    t.dateOfBirth > today ? [{ path: `travelers.${i}.dateOfBirth`, key: "date_in_future" }] : [],
  );
  if (future.length > 0) throw validationFailed(future);
  return application;
}

async function acceptAll(photos: Uint8Array[]): Promise<AcceptedPhoto[]> {
  const results = await Promise.allSettled(photos.map((photo) => acceptPhoto(photo)));
  const issues: Issue[] = results.flatMap((result, i): Issue[] => {
    if (result.status === "fulfilled") return [];
    if (!(result.reason instanceof PhotoRejected)) throw result.reason;
    return [{ path: `photo.${i}`, key: `photo_${result.reason.reason}` }];
  });
  if (issues.length > 0) throw new AppError("photo_invalid", { issues });
  return results.map((result) => (result as PromiseFulfilledResult<AcceptedPhoto>).value);
}
