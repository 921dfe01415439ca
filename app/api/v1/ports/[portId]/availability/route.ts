import { availabilityJson, heldAvailabilityJson } from "@/lib/scheduling/server/availability-cache";
import { cacheableJson } from "@/lib/server/http/cacheable-json";
import { offerAtEdge } from "@/lib/server/http/edge-offers";
import { readPathParam } from "@/lib/server/http/path-param";
import { BRIEFLY_PUBLIC } from "@/lib/server/http/public-cache";
import { readQuery } from "@/lib/server/http/query";
import { apiRoute } from "@/lib/server/http/route";
import { availabilityQuerySchema, portIdSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ portId: string }> };

/** Free times are public and recomputed once a second: any cache may keep them briefly. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const portId = readPathParam((await params).portId, portIdSchema, "port_not_found");
  const { from, to } = readQuery(request, availabilityQuerySchema, "invalid_range");
  return cacheableJson(request, await availabilityJson(portId, from, to), BRIEFLY_PUBLIC);
});

// Within the memo's second the answer is made already: server.mjs sends it without Next.js, the
// same bytes and headers as this route (lib/server/http/edge-offers.ts).
offerAtEdge("availability", heldAvailabilityJson, BRIEFLY_PUBLIC);
