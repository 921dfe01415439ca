import "server-only";
import { getServerKeys } from "@/lib/server/crypto/keys";
import { hashSecret, keyedHash, newSecret } from "@/lib/server/crypto/secrets";
import type { AcceptedPhoto } from "@/lib/photos/server/process";
import { AppError } from "@/lib/shared/errors/app-error";
import type { Locale } from "@/lib/shared/i18n/locales";
import type { Application } from "@/lib/shared/schemas/application";
import { findAlternatives } from "./alternatives";
import { alreadyBooked, rejectDuplicateTravelers } from "./booking-rules";
import type { ApplicationRecord, Placement } from "./data/application-statement";
import { writeApplication } from "./data/application-write";
import type { Port } from "./data/ports";
import type { Slot } from "./data/slots";
import { activePersonKeys } from "./data/travelers";
import { findRepeat, idempotencyClaim, type StoredResponse } from "./idempotency";
import { personIdentity } from "./person-key";

/** A submission that passed every check, ready to be stored. */
export type BookingRequest = {
  /** The port the application names, read once per request (ports change only with a release). */
  port: Port;
  /** First come: the slot as the pre-check read it. Its times never change; its seats are taken by one conditional write. */
  slot?: Slot;
  idempotencyKey: string;
  fingerprint: string;
  application: Application;
  /** One per traveler, in order: to be decoded and re-encoded in the background. */
  photos: AcceptedPhoto[];
  eligibility: ApplicationRecord["eligibility"];
  locale: Locale;
};

/**
 * What every submission shares: the travelers' person keys (no one twice in a request), then ONE
 * statement, its own transaction, that claims the Idempotency-Key row (with the response to
 * repeat), takes the seats, and stores the appointment, its travelers, photos and first event.
 * Everything is computed before it, so the slot's row is locked only while that statement runs.
 *
 * How a concurrent repeat (same Idempotency-Key) is answered: its claim waits for the first
 * request's statement and then breaks the key's primary key, or its travelers collide with the
 * first's on the one-active-appointment index, or the first took the last seats; either way
 * nothing of it is stored and the first request's stored response is sent instead.
 */
export async function storeApplication(
  request: BookingRequest,
  now: Date,
  placement: Placement,
  respond: (secret: string) => StoredResponse,
): Promise<StoredResponse> {
  const { application } = request;
  const pepper = (await getServerKeys()).pepper;
  const personKeys = application.travelers.map((t) => keyedHash(pepper, personIdentity(t)));
  rejectDuplicateTravelers(personKeys);

  const secret = newSecret();
  const response = respond(secret);
  const seats = placement.slotId ? { slotId: placement.slotId, count: application.travelers.length } : null;
  const refused = await writeApplication({
    claim: idempotencyClaim(request.idempotencyKey, request.fingerprint, response),
    placement,
    application,
    photos: request.photos,
    eligibility: request.eligibility,
    locale: request.locale,
    personKeys,
    secretHash: hashSecret(secret),
    seats,
    now,
  });
  if (!refused) return response;
  // A concurrent first request with this key may be what refused it (its claim committed first,
  // its travelers hold the index, or it took the last seats): it gets that request's answer.
  const repeat = await findRepeat(request.idempotencyKey, request.fingerprint);
  if (repeat) return repeat;
  if (refused === "seats_gone") {
    const slot = request.slot!;
    throw new AppError("slot_full", { details: { alternatives: await findAlternatives(request.port, slot.startsAt, seats!.count, now) } });
  }
  if (refused === "already_booked") throw alreadyBooked(personKeys, await activePersonKeys(personKeys));
  throw new AppError("internal_error");
}
