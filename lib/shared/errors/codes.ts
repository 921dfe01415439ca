/**
 * The closed set of error codes the API may answer with, each with its HTTP status. The message a
 * person reads comes from `messages/<locale>.json` under `errors.codes.<code>`.
 */
export const errorStatus = {
  validation_failed: 422,
  malformed_request: 400,
  sealed_body_unreadable: 400,
  missing_idempotency_key: 400,
  invalid_idempotency_key: 400,
  idempotency_key_reused: 422,
  invalid_range: 400,
  port_not_found: 404,
  slot_not_found: 404,
  slot_full: 409,
  slot_closed: 409,
  traveler_already_booked: 409,
  outside_eligible_area: 403,
  photo_missing: 422,
  photo_invalid: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  appointment_not_found: 404,
  appointment_not_modifiable: 409,
  // A new photo for a traveler (PUT …/travelers/{index}/photo): no traveler at that index, or an
  // appointment that is over (cancelled, expired, not selected, checked in).
  traveler_not_found: 404,
  appointment_not_active: 409,
  confirmation_window_closed: 409,
  draw_not_found: 404,
  not_found: 404,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];
