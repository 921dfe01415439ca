import { readOptionalJsonBody } from "@/lib/server/http/json-body";
import { readPathParam } from "@/lib/server/http/path-param";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { apiRoute, bearerSecret, json } from "@/lib/server/http/route";
import { confirmAppointment } from "@/lib/scheduling/server/manage";
import { appointmentCodeSchema, confirmSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const code = readPathParam((await params).code, appointmentCodeSchema, "appointment_not_found");
  // The body is optional: a location is only needed where the deployment checks it again.
  const body = await readOptionalJsonBody(request, confirmSchema);
  const appointment = await confirmAppointment(code, bearerSecret(request), body?.location, now);
  return json({ appointment, status: appointment.status });
});
