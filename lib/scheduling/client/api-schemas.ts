import "client-only";
import * as z from "zod/mini";
import { portSchema } from "@/lib/shared/schemas/responses";

// What the booking app parses responses with; imported on demand by api-client.ts.
export { appointmentResponseSchema, availabilitySchema, bookingResponseSchema } from "@/lib/shared/schemas/responses";

export const portsResponseSchema = z.object({ ports: z.array(portSchema) });

