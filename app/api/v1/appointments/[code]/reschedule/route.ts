import { readJsonBody } from "@/lib/server/http/json-body";
import { readPathParam } from "@/lib/server/http/path-param";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { apiRoute, bearerSecret, json } from "@/lib/server/http/route";
import { rescheduleAppointment } from "@/lib/scheduling/server/manage";
import { appointmentCodeSchema, rescheduleSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const code = readPathParam((await params).code, appointmentCodeSchema, "appointment_not_found");
  const { slotId } = await readJsonBody(request, rescheduleSchema);
  return json({ appointment: await rescheduleAppointment(code, bearerSecret(request), slotId, now) });
});
