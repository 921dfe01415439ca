import { readPathParam } from "@/lib/server/http/path-param";
import { readQuery } from "@/lib/server/http/query";
import { apiRoute, json } from "@/lib/server/http/route";
import { getAvailability } from "@/lib/scheduling/server/availability";
import { availabilityQuerySchema, portIdSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ portId: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  const portId = readPathParam((await params).portId, portIdSchema, "port_not_found");
  const { from, to } = readQuery(request, availabilityQuerySchema, "invalid_range");
  return json(await getAvailability(portId, from, to, new Date()));
});
