import { getDb } from "@/lib/server/db/database";
import { AppError } from "@/lib/shared/errors/app-error";
import { errorResponse } from "@/lib/server/http/error-response";
import { json } from "@/lib/server/http/route";
import { databaseAnswers } from "@/lib/scheduling/server/seed";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    await databaseAnswers(await getDb());
    return json({ status: "ok" });
  } catch {
    return errorResponse(new AppError("service_unavailable"), request);
  }
}
