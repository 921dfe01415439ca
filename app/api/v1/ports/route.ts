import { apiRoute, json } from "@/lib/http/route";
import { listPorts } from "@/lib/scheduling/data";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const ports = await listPorts();
  return json({
    ports: ports.map(({ id, name, state, timeZone, mode, address }) => ({ id, name, state, timeZone, mode, address })),
  });
});
