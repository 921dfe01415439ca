import "client-only";
import type { ApiResult } from "./api-client";
import type { ClientAppointment } from "./api-schemas";

// The image types the contract takes for a photo. The app's own photos are JPEG (lib/photos/client/compress.ts).
const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);
// An upload on one bar of signal is slow: as long as a booking's (api-client.ts), then "offline".
const TIMEOUT_MS = 120_000;

const failure = (code: string): ApiResult<never> => ({ ok: false, error: { code, issues: [], alternatives: [] } });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The contract's error shape to a code the screens translate, as api-client.ts reads it. */
function failureOf(body: unknown, status: number): ApiResult<never> {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error || typeof error.code !== "string") return failure(status >= 500 ? "service_unavailable" : "internal_error");
  return failure(error.code);
}

/**
 * PUT /api/v1/appointments/{code}/travelers/{index}/photo: a new photo for the traveler at `index`
 * (0-based) whose photo the server could not read, as the appointment's owner (its bearer secret).
 * The body is the image itself. PUT is idempotent, so sending again after a lost answer is safe.
 * Never throws: offline or timed out is `network`, every refusal its code.
 */
export async function replaceTravelerPhoto(
  code: string,
  secret: string,
  index: number,
  photo: Blob,
  locale: string,
): Promise<ApiResult<{ appointment: ClientAppointment }>> {
  if (!Number.isSafeInteger(index) || index < 0) return failure("traveler_not_found");
  let response: Response;
  try {
    response = await fetch(`/api/v1/appointments/${encodeURIComponent(code)}/travelers/${index}/photo`, {
      method: "PUT",
      body: photo,
      headers: {
        authorization: `Bearer ${secret}`,
        "content-type": PHOTO_TYPES.has(photo.type) ? photo.type : "image/jpeg",
        "accept-language": locale,
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return failure("network");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return failureOf(body, response.status);
  // The answer is kept on the phone: checked in full, with the schema loaded only now.
  const { appointmentResponseSchema } = await import("./api-schemas");
  const parsed = appointmentResponseSchema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : failure("internal_error");
}
