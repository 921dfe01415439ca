import "client-only";
import { bearer, call, failure, validated, type ApiResult } from "./api-client";
import type { ClientAppointment } from "./api-schemas";

// The image types the contract takes for a photo. The app's own photos are JPEG (lib/photos/client/compress.ts).
const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);

/**
 * PUT /api/v1/appointments/{code}/travelers/{index}/photo: a new photo for the traveler at `index`
 * (0-based) whose photo the server could not read, as the appointment's owner (its bearer secret).
 * The body is the image itself. PUT is idempotent, so sending again after a lost answer is safe.
 * Never throws: offline or timed out is `network`, every refusal its code (api-client.ts `call`).
 */
export function replaceTravelerPhoto(
  code: string,
  secret: string,
  index: number,
  photo: Blob,
  locale: string,
): Promise<ApiResult<{ appointment: ClientAppointment }>> {
  if (!Number.isSafeInteger(index) || index < 0) return Promise.resolve(failure("traveler_not_found"));
  return call(
    validated((s) => s.appointmentResponseSchema),
    `/api/v1/appointments/${encodeURIComponent(code)}/travelers/${index}/photo`,
    { method: "PUT", body: photo, headers: { ...bearer(secret), "content-type": PHOTO_TYPES.has(photo.type) ? photo.type : "image/jpeg" } },
    locale,
  );
}
