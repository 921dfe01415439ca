import { getDrawState } from "@/lib/draw/server/publications";
import { apiRoute, json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ portId: string; date: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => {
  const { portId, date } = await params;
  return json(await getDrawState(portId, date));
});
