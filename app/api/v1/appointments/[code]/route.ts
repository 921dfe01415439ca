import { apiRoute, bearerSecret, json } from "@/lib/server/http/route";
import { readPathParam } from "@/lib/server/http/path-param";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { cancelAppointment, getAppointment } from "@/lib/scheduling/server/manage";
import { appointmentCodeSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  const code = readPathParam((await params).code, appointmentCodeSchema, "appointment_not_found");
  return json({ appointment: await getAppointment(code, bearerSecret(request)) });
});

export const DELETE = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const code = readPathParam((await params).code, appointmentCodeSchema, "appointment_not_found");
  const appointment = await cancelAppointment(code, bearerSecret(request), now);
  return json({ appointment, status: appointment.status });
});
