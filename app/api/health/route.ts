import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/response";
import { json } from "@/lib/http/route";
import { databaseAnswers } from "@/lib/scheduling/seed";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    await databaseAnswers(await getDb());
    return json({ status: "ok" });
  } catch {
    return errorResponse(new AppError("service_unavailable"), request);
  }
}
