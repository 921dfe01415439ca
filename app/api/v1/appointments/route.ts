import { apiRoute, json } from "@/lib/server/http/route";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { submitApplication } from "@/lib/scheduling/server/submit-application";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const response = await submitApplication(request, now);
  return json(response.body, response.status);
});
