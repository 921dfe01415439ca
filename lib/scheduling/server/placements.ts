import "server-only";
import { newAppointmentCode } from "@/lib/server/crypto/secrets";
import { signAppointmentToken, slotClaims } from "./appointment-token";
import { appointmentView } from "./appointment-view";
import type { Placement } from "./data/application-statement";
import type { Slot } from "./data/slots";
import type { StoredResponse } from "./idempotency";
import { storeApplication, type BookingRequest } from "./store-application";

/**
 * Books a first-come slot for a group, all seats or none. `slot` is the one the pre-check read and
 * found bookable with room (`precheckFirstCome`); its seats are taken by one conditional UPDATE
 * (never check-then-insert) in the same statement as everything else the booking writes; see
 * `storeApplication`.
 */
export async function bookFirstCome(request: BookingRequest & { slot: Slot }, now: Date): Promise<StoredResponse> {
  const { port, slot, application } = request;
  const code = newAppointmentCode();
  const token = await signAppointmentToken({ code, portId: port.id, slot: slotClaims(slot, port), travelers: application.travelers.length }, now);
  const placement: Placement = { code, token, status: "confirmed", portId: port.id, slotId: slot.id };
  return storeApplication(request, now, placement, (secret) => ({
    status: 201,
    body: { appointment: appointmentView({ appointment: placement, slot, timeZone: port.timeZone, port, travelers: withPhotos(request) }), secret },
  }));
}

/**
 * Enters a group in the draws of a draw port: the same idempotency, one-person and photo rules as
 * a booking, but no seats are taken; the answer (202) names the draw the request enters.
 */
export async function requestDraw(request: BookingRequest, now: Date): Promise<StoredResponse> {
  const { port, application } = request;
  const code = newAppointmentCode();
  // No slot yet: the token names code, port and party size; a new one with the slot is signed on
  // confirmation.
  const token = await signAppointmentToken({ code, portId: port.id, slot: null, travelers: application.travelers.length }, now);
  const placement: Placement = {
    code,
    token,
    status: "requested",
    portId: port.id,
    slotId: null,
    preferredDates: [...new Set(application.preferredDates ?? [])].sort(),
    waitingSince: now,
  };
  return storeApplication(request, now, placement, (secret) => ({
    status: 202,
    body: {
      appointment: appointmentView({ appointment: { ...placement, createdAt: now }, slot: null, timeZone: port.timeZone, port, travelers: withPhotos(request) }),
      secret,
    },
  }));
}

/** The travelers as the answer shows them: each with the status their photo is stored with. */
function withPhotos({ application, photos }: BookingRequest) {
  return application.travelers.map(({ givenNames, familyNames }, i) => ({ givenNames, familyNames, photo: photos[i].status }));
}
