/**
 * The statements the booking app asks people to attest, each worded in `messages/` under
 * `eligibility.statements`. The server's PUERTA_ATTESTATIONS must name the same ids (its default
 * does); a deployment that changes them adds the wording to every catalog.
 */
export const attestationIds = ["in_mexico", "information_true", "appointment_free"] as const;
export type AttestationId = (typeof attestationIds)[number];
