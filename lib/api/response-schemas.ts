import * as z from "zod/mini";
import { appointmentStatuses } from "@/lib/db/schema-enums";
import { errorCodes } from "@/lib/errors/codes";

/**
 * The shapes the API answers with. They document the contract (OpenAPI), and clients (the booking
 * app, tests) parse responses with them instead of trusting whatever arrived. zod/mini: they ship
 * to phones.
 */
export const portSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  timeZone: z.string(),
  mode: z.enum(["first-come", "draw"]),
  address: z.string(),
});

export const slotSchema = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  capacity: z.number(),
  remaining: z.number(),
});

export const availabilitySchema = z.object({
  portId: z.string(),
  mode: z.enum(["first-come", "draw"]),
  days: z.array(z.object({ date: z.string(), slots: z.array(slotSchema) })),
});

export const appointmentSchema = z.object({
  code: z.string(),
  status: z.enum(appointmentStatuses),
  portId: z.string(),
  slot: z.optional(z.object({ id: z.string(), start: z.string(), end: z.string() })),
  drawAt: z.optional(z.string()),
  confirmBy: z.optional(z.string()),
  travelers: z.array(z.object({ givenNames: z.string(), familyNames: z.string() })),
  token: z.string(),
});

export const bookingResponseSchema = z.object({ appointment: appointmentSchema, secret: z.string() });
export const appointmentResponseSchema = z.object({ appointment: appointmentSchema });

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes as [string, ...string[]]),
    message: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), code: z.string(), message: z.string() }))),
    alternatives: z.optional(z.array(slotSchema)),
  }),
});
