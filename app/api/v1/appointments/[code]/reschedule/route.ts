import { parseOrThrow } from "@/lib/shared/errors/zod-issues";
import { parseJsonBody } from "@/lib/server/http/body";
import { apiRoute, bearerSecret, json } from "@/lib/server/http/route";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { rescheduleAppointment } from "@/lib/scheduling/server/manage";
import { rescheduleSchema } from "@/lib/shared/schemas/application";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const { code } = await params;
  const { slotId } = parseOrThrow(rescheduleSchema, await parseJsonBody(request, 64 * 1024));
  return json({ appointment: await rescheduleAppointment(code, bearerSecret(request), slotId, now) });
});
