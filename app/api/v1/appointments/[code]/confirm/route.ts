import { AppError } from "@/lib/shared/errors/app-error";
import { parseOrThrow } from "@/lib/shared/errors/zod-issues";
import { isInside } from "@/lib/eligibility/shared/area";
import { eligibleArea } from "@/lib/eligibility/server/eligibility-check";
import { parseJsonBody } from "@/lib/server/http/body";
import { apiRoute, bearerSecret, json } from "@/lib/server/http/route";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { confirmAppointment } from "@/lib/scheduling/server/manage";
import { confirmSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const { code } = await params;
  // The body is optional: a location is only needed where the deployment checks it again. One that
  // is sent must be inside the eligible area (it is not stored).
  const hasBody = (request.headers.get("content-length") ?? "") !== "0" && request.body !== null;
  const { location } = hasBody ? parseOrThrow(confirmSchema, await parseJsonBody(request, 64 * 1024)) : { location: undefined };
  if (location && !isInside(eligibleArea(), location.latitude, location.longitude)) throw new AppError("outside_eligible_area");
  const appointment = await confirmAppointment(code, bearerSecret(request), now);
  return json({ appointment, status: appointment.status });
});
