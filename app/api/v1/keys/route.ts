import { publicJwks } from "@/lib/server/crypto/keys";
import { apiRoute, json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () =>
  json(await publicJwks(), 200, { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=3600" }),
);
