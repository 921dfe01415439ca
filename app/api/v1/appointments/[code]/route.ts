import { apiRoute, bearerSecret, json } from "@/lib/server/http/route";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { cancelAppointment, getAppointment } from "@/lib/scheduling/server/manage";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  const { code } = await params;
  return json({ appointment: await getAppointment(code, bearerSecret(request)) });
});

export const DELETE = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const { code } = await params;
  const appointment = await cancelAppointment(code, bearerSecret(request), now);
  return json({ appointment, status: appointment.status });
});
