import * as z from "zod/mini";
import { appointmentStatuses, travelerPhotoStates } from "./statuses";
import { errorCodes } from "@/lib/shared/errors/codes";

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
  // Extensions (optional: older answers and other deployments' ports may lack them): the city on
  // the Mexican side of the crossing, and where the crossing is, to sort by distance.
  mexicanCity: z.optional(z.string()),
  latitude: z.optional(z.number()),
  longitude: z.optional(z.number()),
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
  // A draw entry still waiting: the deadline to confirm should it win (an addition to the contract).
  confirmByIfChosen: z.optional(z.string()),
  // `photo`: optional, as answers stored before it (idempotent replays) and older servers lack it.
  travelers: z.array(z.object({ givenNames: z.string(), familyNames: z.string(), photo: z.optional(z.enum(travelerPhotoStates)) })),
  token: z.string(),
});

export const bookingResponseSchema = z.object({ appointment: appointmentSchema, secret: z.string() });
export const appointmentResponseSchema = z.object({ appointment: appointmentSchema });

const drawEntrySchema = z.object({
  entryId: z.string(),
  seats: z.number(),
  waitingSince: z.string(),
  preferredDates: z.array(z.string()),
  personKeys: z.array(z.string()),
});

/**
 * GET /api/v1/draws/{portId}/{date}: the seed's commitment while requests are collected, plus the
 * entries' hash once the window has closed, and the whole publication (lib/draw/shared/publication.ts)
 * once drawn, which `npm run draw:verify` re-checks.
 */
export const drawStateSchema = z.union([
  z.object({ portId: z.string(), date: z.string(), status: z.literal("open"), commitment: z.string() }),
  z.object({ portId: z.string(), date: z.string(), status: z.literal("frozen"), commitment: z.string(), entriesHash: z.string() }),
  z.object({
    status: z.literal("drawn"),
    algorithm: z.string(),
    portId: z.string(),
    date: z.string(),
    commitment: z.string(),
    entriesHash: z.string(),
    seed: z.string(),
    longestWaitingShare: z.number(),
    slots: z.array(z.object({ slotId: z.string(), capacity: z.number() })),
    entries: z.array(drawEntrySchema),
    result: z.object({
      allocations: z.array(z.object({ entryId: z.string(), slotId: z.string(), phase: z.enum(["longest-waiting", "random"]) })),
      excludedDuplicates: z.array(z.object({ entryId: z.string(), duplicateOf: z.string() })),
      notSelected: z.array(z.string()),
      seatsOffered: z.number(),
      seatsAllocated: z.number(),
    }),
  }),
]);

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes as [string, ...string[]]),
    message: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), code: z.string(), message: z.string() }))),
    alternatives: z.optional(z.array(slotSchema)),
  }),
});
