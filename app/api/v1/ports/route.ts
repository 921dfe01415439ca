import { apiRoute, json } from "@/lib/http/route";
import { listPublicPorts } from "@/lib/scheduling/data";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  return json({ ports: await listPublicPorts() });
});
