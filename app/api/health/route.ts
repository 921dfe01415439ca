import { checkHealth } from "@/lib/lifecycle/server/health";
import { apiRoute, json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => json(await checkHealth()));
