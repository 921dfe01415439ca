import "server-only";
import { checkEligibility } from "@/lib/eligibility/server/eligibility-check";
import { asSubmission, wakePhotoWorker } from "@/lib/photos/server/pending";
import { AppError } from "@/lib/shared/errors/app-error";
import type { Locale } from "@/lib/shared/i18n/locales";
import type { Application } from "@/lib/shared/schemas/application";
import { acceptPhotos, requirePhotos, validateApplication } from "./application-checks";
import { precheckDraw, precheckFirstCome } from "./booking-rules";
import { readBookingState } from "./data/booking-state";
import { findRepeat, idempotencyLookupKey, lazyFingerprint, replay, type StoredResponse } from "./idempotency";
import { bookFirstCome, requestDraw } from "./placements";

/**
 * A booking form as received: the `application` JSON not yet validated (a repeat with another
 * body must hear idempotency_key_reused even when that body is invalid, so the raw value is what
 * the fingerprint hashes), and the photos by traveler position.
 */
type ApplicationForm = { application: unknown; photos: (Uint8Array | undefined)[] };

export type Submission = { idempotencyKey: string; form: ApplicationForm; locale: Locale };

/**
 * POST /api/v1/appointments, decided as of `now`: the stored response to send. Checks run
 * cheapest first, and nothing is written until every check has passed: rejected input is never
 * half-stored.
 */
export async function submitApplication(submission: Submission, now: Date): Promise<StoredResponse> {
  const response = await asSubmission(() => decide(submission, now));
  // Photos stored as pending are re-encoded once the submissions calm down.
  if (response.status < 300) wakePhotoWorker();
  return response;
}

async function decide({ idempotencyKey, form, locale }: Submission, now: Date): Promise<StoredResponse> {
  const { photos } = form;
  // Computed when first needed: a request answered from the pre-checks (409 slot_full, say) never is.
  const fingerprintOf = lazyFingerprint(form.application, photos);

  // A repeat gets the first answer before anything that depends on the time (eligibility, seats)
  // is checked. The body's own checks come first because they cannot change between a request
  // and its repeat (the same body passes or fails them the same way), and they let the port,
  // slot and stored answer be read in one query.
  let application: Application;
  let state: Awaited<ReturnType<typeof readState>>;
  try {
    application = validateApplication(form.application, now);
    requirePhotos(application, photos);
    state = await readState(idempotencyKey, application, fingerprintOf);
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
  if (port.mode === "draw") precheckDraw(application, port, now);
  const slot = port.mode === "draw" ? null : await precheckFirstCome(application, port, named, now);
  const accepted = await acceptPhotos(photos.slice(0, application.travelers.length) as Uint8Array[]);

  const request = { port, idempotencyKey, fingerprint: fingerprintOf(), application, photos: accepted, eligibility, locale };
  return slot ? bookFirstCome({ ...request, slot }, now) : requestDraw(request, now);
}

/**
 * The port, the slot the application names and the first response to its Idempotency-Key, from
 * one snapshot: a concurrent first request either committed before it (its response is here, and
 * is the answer) or did not (its seats are not taken here either), so a repeat never hears the
 * "slot full" that its own first request caused.
 */
async function readState(idempotencyKey: string, application: Application, fingerprint: () => string) {
  const row = await readBookingState(idempotencyLookupKey(idempotencyKey), application.portId, application.slotId);
  // No such port; a request naming none was never answered with a stored response either.
  if (!row) throw new AppError("port_not_found");
  return { port: row.port, slot: row.slot, repeat: replay(row.first, idempotencyKey, fingerprint) };
}
