import { availabilityJson, heldAvailabilityJson } from "@/lib/scheduling/server/availability-cache";
import { cacheableJson, cacheableJsonNow } from "@/lib/server/http/cacheable-json";
import { offerAtEdge } from "@/lib/server/http/edge-offers";
import { readPathParam } from "@/lib/server/http/path-param";
import { readQuery } from "@/lib/server/http/query";
import { apiRoute } from "@/lib/server/http/route";
import { availabilityQuerySchema, portIdSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

/**
 * Free times are public (no person's data), so any cache may keep them, briefly:
 * - s-maxage=1: a CDN asks again once a second per range, the rate each instance computes at
 *   (lib/scheduling/server/availability-cache.ts), so it adds at most a second of age.
 * - max-age=2: a browser or tool asking again within 2 s keeps its copy. The booking app itself
 *   always revalidates (lib/scheduling/client/api-client.ts), paying a 304 without a body.
 * - stale-while-revalidate=3: for 3 s more a cache may answer with its copy while it fetches the
 *   next, once, so a crowd neither waits on an expired entry nor reaches the origin together.
 * At worst a time is shown ~7 s after it was counted (1 s memo, 1 s more while the next is
 * computed under load, + 2 + 3), usually under 2 s: little
 * next to the tens of seconds between seeing a time and sending from "Check your answers", over
 * which any view ages anyway. The booking's write is the truth: a seat gone meanwhile is refused
 * with 409 slot_full and the nearest free alternatives.
 * Errors (404, 400) keep their `no-store`.
 */
const CACHE_CONTROL = "public, max-age=2, s-maxage=1, stale-while-revalidate=3";

type Context = { params: Promise<{ portId: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  const portId = readPathParam((await params).portId, portIdSchema, "port_not_found");
  const { from, to } = readQuery(request, availabilityQuerySchema, "invalid_range");
  return cacheableJson(request, await availabilityJson(portId, from, to), CACHE_CONTROL);
});

// Within the memo's second the answer is already made: server.mjs may send it without Next.js
// (lib/server/http/edge-answers.mjs), the same bytes and headers this route would.
offerAtEdge("availability", (portId, from, to, request) => {
  const held = heldAvailabilityJson(portId, from, to);
  return held && cacheableJsonNow(request, held, CACHE_CONTROL);
});
