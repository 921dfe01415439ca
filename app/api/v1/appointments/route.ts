import { readApplicationForm, travelersNamed } from "@/lib/server/http/application-form";
import { readIdempotencyKey } from "@/lib/server/http/idempotency-key";
import { requestLocale } from "@/lib/server/http/locale";
import { withBodyBudget } from "@/lib/server/http/memory-budget";
import { enforceBookingWeight, enforceWriteLimit } from "@/lib/server/http/rate-limit";
import { apiRoute, json } from "@/lib/server/http/route";
import { serverTiming } from "@/lib/server/http/server-timing";
import { inSubmissionLine, type LineTiming } from "@/lib/server/http/submission-line";
import { submitApplication } from "@/lib/scheduling/server/submit";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  const now = new Date();
  const arrived = performance.now();
  await enforceWriteLimit(request, now);
  const limitBeforeMs = performance.now() - arrived;
  const idempotencyKey = readIdempotencyKey(request);
  // The body counts against the process's memory budget from before it is read until the answer
  // is made, as long as the form is held (a body that does not fit: 503 with Retry-After). It is
  // read before the line: a phone uploading slowly on one bar of signal must not hold a place
  // that someone whose body has arrived could use.
  const started = performance.now();
  return withBodyBudget(async (hold) => {
    const form = await readApplicationForm(request, hold);
    const read = performance.now();
    await enforceBookingWeight(request, now, travelersNamed(form));
    // Both counts of the rate limit are "limit"; "read" is the body alone.
    const readMs = read - started;
    const limitMs = limitBeforeMs + (performance.now() - read);
    const locale = requestLocale(request);
    const line: LineTiming = { waitedMs: 0, decidedMs: 0 };
    const response = await inSubmissionLine(now, (decidedAt) => submitApplication({ idempotencyKey, form, locale }, decidedAt), line);
    const timing = serverTiming({ limit: limitMs, read: readMs, line: line.waitedMs, decide: line.decidedMs });
    return json(response.body, response.status, { "server-timing": timing });
  });
});
