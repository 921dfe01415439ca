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

/** A stored photo: re-encoded, waiting for the background re-encode, or found unreadable by it. */
export const photoStatuses = ["ready", "pending", "unreadable"] as const;
