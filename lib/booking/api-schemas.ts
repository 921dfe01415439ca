import * as z from "zod/mini";
import { portSchema, slotSchema } from "@/lib/api/response-schemas";

// What the booking app parses responses with; imported on demand by api-client.ts.
export { appointmentResponseSchema, availabilitySchema, bookingResponseSchema } from "@/lib/api/response-schemas";

export const portsResponseSchema = z.object({ ports: z.array(portSchema) });

export const failureSchema = z.object({
  error: z.object({
    code: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), code: z.string() }))),
    alternatives: z.optional(z.array(slotSchema)),
  }),
});
