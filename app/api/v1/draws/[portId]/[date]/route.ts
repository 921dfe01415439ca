import { getDrawState } from "@/lib/draw/server/publications";
import { readPathParam } from "@/lib/server/http/path-param";
import { apiRoute, json } from "@/lib/server/http/route";
import { calendarDateSchema, portIdSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ portId: string; date: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => {
  const raw = await params;
  const portId = readPathParam(raw.portId, portIdSchema, "port_not_found");
  const date = readPathParam(raw.date, calendarDateSchema, "draw_not_found");
  return json(await getDrawState(portId, date));
});
