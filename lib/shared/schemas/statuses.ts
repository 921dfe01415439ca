/** Enumerations shared by the database schema and the API's schemas (safe to import anywhere). */
export const appointmentStatuses = [
  "requested",
  "allocated",
  "confirmed",
  "not_selected",
  "cancelled",
  "expired",
  "checked_in",
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** A stored photo: re-encoded, waiting for the background decode and re-encode, or found unreadable by it. */
export const photoStatuses = ["ready", "pending", "unreadable"] as const;
export type PhotoStatus = (typeof photoStatuses)[number];

/**
 * A traveler's photo as the API shows it (`travelers[i].photo`): received and still being checked
 * (`pending`), checked and stored (`ready`), or its image data unreadable, so the person must send
 * a new one (`needs_new`, a stored `unreadable`). A client treats a missing value as `ready`.
 */
export const travelerPhotoStates = ["pending", "ready", "needs_new"] as const;
export type TravelerPhotoState = (typeof travelerPhotoStates)[number];
