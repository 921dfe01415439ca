import "server-only";
import { databaseAnswers } from "./data/database";
import { AppError } from "@/lib/shared/errors/app-error";

/**
 * GET /api/health: the app answers, and so does its database. Whatever keeps the database from
 * answering is `service_unavailable`, and nothing more: the cause is no business of a prober.
 */
export async function checkHealth(): Promise<{ status: "ok" }> {
  try {
    await databaseAnswers();
  } catch {
    throw new AppError("service_unavailable");
  }
  return { status: "ok" };
}
