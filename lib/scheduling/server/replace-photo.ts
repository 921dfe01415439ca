import "server-only";
import { storeNewPhoto, wakePhotoWorker } from "@/lib/photos/server/pending";
import { AppError } from "@/lib/shared/errors/app-error";
import type { AppointmentStatus } from "@/lib/shared/schemas/statuses";
import { authorize, view } from "./appointment-access";
import { acceptTravelerPhoto } from "./application-checks";
import type { AppointmentView } from "./appointment-view";
import { inTransaction } from "./data/appointments";

/** While the appointment is still ahead of its travelers, a photo may be sent again. */
const OPEN: AppointmentStatus[] = ["requested", "allocated", "confirmed"];

/**
 * PUT /api/v1/appointments/{code}/travelers/{index}/photo: a new photo for the traveler at
 * `index` (0-based), whatever the state of the one before (most often `needs_new`: its image data
 * did not decode). It gets the booking's request-time checks (acceptPhoto: headers only), is stored
 * as the traveler's pending photo, the next version of it, and goes to the background worker like
 * a booking's; a result the worker was still computing for the photo before is then dropped.
 * Sending the same photo twice stores it twice, with the same outcome: PUT is idempotent.
 *
 * In one transaction with the appointment's row locked, so a cancellation at the same moment
 * either comes first (and this hears appointment_not_active) or after.
 */
export async function replaceTravelerPhoto(code: string, secret: string | null, index: number, photo: Uint8Array): Promise<AppointmentView> {
  const appointment = await inTransaction(async (tx) => {
    const row = await authorize(code, secret, tx);
    if (index >= row.travelerCount) throw new AppError("traveler_not_found");
    if (!OPEN.includes(row.status)) throw new AppError("appointment_not_active");
    const accepted = await acceptTravelerPhoto(photo, index);
    // No photo row: the appointment's personal data was purged with its travelers.
    if (!(await storeNewPhoto(tx, row.id, index, accepted))) throw new AppError("traveler_not_found");
    return view(row, tx);
  });
  wakePhotoWorker();
  return appointment;
}
