import "server-only";
import { databaseAnswers } from "./data/database";
import { lifecyclePhase } from "./readiness";
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

/**
 * GET /api/live: the process serves requests at all. No database: an orchestrator restarts a
 * process that fails it, and restarting does not bring back a database that is down.
 */
export function checkLiveness(): { status: "ok" } {
  return { status: "ok" };
}

/**
 * GET /api/ready: send this process requests. Not while it starts or shuts down (from the moment
 * SIGTERM arrives, so a load balancer stops sending before the server stops accepting), nor while
 * its database does not answer.
 */
export async function checkReadiness(): Promise<{ status: "ok" }> {
  if (lifecyclePhase() !== "serving") throw new AppError("service_unavailable");
  return checkHealth();
}
