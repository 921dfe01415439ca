import { apiRoute, json } from "@/lib/server/http/route";
import { listPublicPorts } from "@/lib/scheduling/server/ports";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  return json({ ports: await listPublicPorts() });
});
