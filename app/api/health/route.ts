import { checkHealth } from "@/lib/lifecycle/server/health";
import { errorResponse } from "@/lib/server/http/error-response";
import { json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    return json(await checkHealth());
  } catch (error) {
    return errorResponse(error, request);
  }
}
