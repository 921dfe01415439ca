import { openApiDocument } from "@/lib/api/openapi";
import { apiRoute, json } from "@/lib/http/route";

export const GET = apiRoute(async () => json(openApiDocument(), 200, { "cache-control": "public, max-age=3600" }));
