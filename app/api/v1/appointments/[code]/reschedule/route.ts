import { validationFailed } from "@/lib/errors/app-error";
import { toIssues } from "@/lib/errors/zod-issues";
import { parseJsonBody } from "@/lib/http/body";
import { apiRoute, bearerSecret, json } from "@/lib/http/route";
import { enforceWriteLimit } from "@/lib/http/rate-limit";
import { rescheduleAppointment } from "@/lib/scheduling/manage";
import { rescheduleSchema } from "@/lib/scheduling/schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const { code } = await params;
  const body = rescheduleSchema.safeParse(await parseJsonBody(request, 64 * 1024));
  if (!body.success) throw validationFailed(toIssues(body.error));
  const secret = bearerSecret(request);
  return json({ appointment: await rescheduleAppointment(code, secret, body.data.slotId, now) });
});
