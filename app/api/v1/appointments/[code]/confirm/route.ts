import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod-issues";
import { isInside } from "@/lib/eligibility/area";
import { eligibleArea } from "@/lib/scheduling/eligibility-check";
import { parseJsonBody } from "@/lib/http/body";
import { apiRoute, bearerSecret, json } from "@/lib/http/route";
import { enforceWriteLimit } from "@/lib/http/rate-limit";
import { confirmAppointment } from "@/lib/scheduling/manage";
import { confirmSchema } from "@/lib/scheduling/schema";

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
