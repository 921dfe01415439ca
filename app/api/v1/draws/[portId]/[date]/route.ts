import { getDrawState } from "@/lib/draw-runner/publications";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ portId: string; date: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => {
  const { portId, date } = await params;
  return json(await getDrawState(portId, date));
});
