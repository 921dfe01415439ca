import type * as z from "zod/mini";
import type { slotSchema } from "@/lib/api/response-schemas";

// The response schemas (and zod) load with the first answer from the server, not with the page.
const schemas = () => import("./api-schemas");

/** What a failed call tells the screens: a code from the API's set, or `network` when offline. */
export type ApiFailure = {
  code: string;
  issues: { path: string; code: string }[];
  alternatives: z.infer<typeof slotSchema>[];
};

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };


const failure = (code: string): ApiResult<never> => ({ ok: false, error: { code, issues: [], alternatives: [] } });

/** Every call checks `ok`, parses what came back, and never throws at the screen. */
async function call<T>(pick: (s: Awaited<ReturnType<typeof schemas>>) => z.ZodMiniType<T>, url: string, init: RequestInit, locale: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    // A phone on one bar of signal can hang for minutes: give up and say "offline" instead.
    const signal = AbortSignal.timeout(init.method === "POST" ? 120_000 : 30_000);
    response = await fetch(url, { ...init, signal, headers: { ...init.headers, "accept-language": locale } });
  } catch {
    return failure("network");
  }
  const body: unknown = await response.json().catch(() => null);
  const loaded = await schemas();
  const schema = pick(loaded);
  if (response.ok) {
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, data: parsed.data } : failure("internal_error");
  }
  const parsed = loaded.failureSchema.safeParse(body);
  if (!parsed.success) return failure(response.status >= 500 ? "service_unavailable" : "internal_error");
  const { code, issues = [], alternatives = [] } = parsed.data.error;
  return { ok: false, error: { code, issues, alternatives } };
}

export const getPorts = (locale: string) =>
  call((s) => s.portsResponseSchema, "/api/v1/ports", {}, locale);

export const getAvailability = (portId: string, from: string, to: string, locale: string) =>
  call((s) => s.availabilitySchema, `/api/v1/ports/${encodeURIComponent(portId)}/availability?from=${from}&to=${to}`, {}, locale);

export function submitApplication(application: unknown, photos: Blob[], idempotencyKey: string, locale: string) {
  const form = new FormData();
  form.set("application", JSON.stringify(application));
  photos.forEach((photo, i) => form.set(`photo.${i}`, photo, `photo-${i}.jpg`));
  return call((s) => s.bookingResponseSchema, "/api/v1/appointments", { method: "POST", body: form, headers: { "idempotency-key": idempotencyKey } }, locale);
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

export const getAppointment = (code: string, secret: string, locale: string) =>
  call((s) => s.appointmentResponseSchema, `/api/v1/appointments/${encodeURIComponent(code)}`, { headers: bearer(secret) }, locale);

export const cancelAppointment = (code: string, secret: string, locale: string) =>
  call((s) => s.appointmentResponseSchema, `/api/v1/appointments/${encodeURIComponent(code)}`, { method: "DELETE", headers: bearer(secret) }, locale);

export const rescheduleAppointment = (code: string, secret: string, slotId: string, locale: string) =>
  call(
    (s) => s.appointmentResponseSchema,
    `/api/v1/appointments/${encodeURIComponent(code)}/reschedule`,
    { method: "POST", body: JSON.stringify({ slotId }), headers: { ...bearer(secret), "content-type": "application/json" } },
    locale,
  );

export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}
