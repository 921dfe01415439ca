import "client-only";
import * as z from "zod/mini";
import { appointmentSchema, portSchema } from "@/lib/shared/schemas/responses";
import { travelerPhotoStates } from "@/lib/shared/schemas/statuses";

// What the booking app parses responses with; imported on demand by api-client.ts and photo-replace.ts.
export { availabilitySchema } from "@/lib/shared/schemas/responses";

export const portsResponseSchema = z.object({ ports: z.array(portSchema) });

/**
 * Each traveler's photo (`pending`, `ready`, `needs_new`: lib/shared/schemas/statuses.ts), read
 * leniently: a state this build does not know yet (a newer server) is read as missing, that is
 * ready (appointment-store.ts photoState), instead of making the whole appointment unreadable and
 * the card impossible to refresh.
 */
const travelerSchema = z.extend(appointmentSchema.shape.travelers.def.element, {
  photo: z.catch(z.optional(z.enum(travelerPhotoStates)), undefined),
});

// `confirmByIfChosen` (a draw entry's deadline to confirm, should it win) is the server's addition
// to the contract: optional, so older servers' answers still read.
const clientAppointmentSchema = z.extend(appointmentSchema, {
  travelers: z.array(travelerSchema),
  confirmByIfChosen: z.optional(z.string()),
});

/** An appointment as this app reads it and keeps it on the phone. */
export type ClientAppointment = z.infer<typeof clientAppointmentSchema>;

export const appointmentResponseSchema = z.object({ appointment: clientAppointmentSchema });
export const bookingResponseSchema = z.object({ appointment: clientAppointmentSchema, secret: z.string() });
