import { openApiDocument } from "@/lib/server/http/openapi";
import { apiRoute, json } from "@/lib/server/http/route";

export const GET = apiRoute(async () => json(openApiDocument(), 200, { "cache-control": "public, max-age=3600" }));
