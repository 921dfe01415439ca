import { readApplicationForm } from "@/lib/server/http/application-form";
import { readIdempotencyKey } from "@/lib/server/http/idempotency-key";
import { requestLocale } from "@/lib/server/http/locale";
import { enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { apiRoute, json } from "@/lib/server/http/route";
import { inSubmissionLine } from "@/lib/server/http/submission-line";
import { submitApplication } from "@/lib/scheduling/server/submit";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  const now = new Date();
  await enforceWriteLimit(request, now);
  const idempotencyKey = readIdempotencyKey(request);
  // The body is read before the line: a phone uploading slowly on one bar of signal must not hold
  // a place that someone whose body has arrived could use.
  const form = await readApplicationForm(request);
  const locale = requestLocale(request);
  const response = await inSubmissionLine(now, (decidedAt) => submitApplication({ idempotencyKey, form, locale }, decidedAt));
  return json(response.body, response.status);
});
