import "client-only";
import type * as z from "zod/mini";
import type { slotSchema } from "@/lib/shared/schemas/responses";

// What the app keeps on the phone (a booking, its secret and token) is checked in full against the
// response schemas, loaded with zod only when the person sends, moves or cancels. What it merely
// shows (ports, free times) gets a light shape check: 22 KB less on the pages that read.
const schemas = () => import("./api-schemas");

/** What a failed call tells the screens: a code from the API's set, or `network` when offline. */
export type ApiFailure = {
  code: string;
  issues: { path: string; code: string }[];
  alternatives: z.infer<typeof slotSchema>[];
};

/**
 * `cachedAt` (an ISO time) is set when the answer came from the copy the service worker stored
 * (lib/offline/service-worker/api-cache.ts) because the network did not answer: the page says "as of" then.
 */
export type ApiResult<T> = { ok: true; data: T; cachedAt?: string } | { ok: false; error: ApiFailure };

type Parse<T> = (body: unknown) => Promise<T | null>;

export const failure = (code: string): ApiResult<never> => ({ ok: false, error: { code, issues: [], alternatives: [] } });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** A light check for displayed data: the top-level field is there with the right kind. */
function shaped<T>(field: string, kind: (value: unknown) => boolean): Parse<T> {
  return async (body) => (isRecord(body) && kind(body[field]) ? (body as T) : null);
}

/** The full schema check, for what is stored on the device. */
export function validated<T>(pick: (s: Awaited<ReturnType<typeof schemas>>) => z.ZodMiniType<T>): Parse<T> {
  return async (body) => {
    const parsed = pick(await schemas()).safeParse(body);
    return parsed.success ? parsed.data : null;
  };
}

function failureOf(body: unknown, status: number): ApiResult<never> {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error || typeof error.code !== "string") return failure(status >= 500 ? "service_unavailable" : "internal_error");
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return { ok: false, error: { code: error.code, issues: list(error.issues), alternatives: list(error.alternatives) } };
}

/** Every call checks `ok`, checks what came back, and never throws at the screen. */
export async function call<T>(parse: Parse<T>, url: string, init: RequestInit, locale: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    // A phone on one bar of signal can hang for minutes: give up and say "offline" instead; an
    // upload (a booking, a photo) may take two minutes there before that.
    const signal = AbortSignal.timeout(init.body ? 120_000 : 30_000);
    response = await fetch(url, { ...init, signal, headers: { ...init.headers, "accept-language": locale } });
  } catch {
    return failure("network");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return failureOf(body, response.status);
  const data = await parse(body);
  if (data === null) return failure("internal_error");
  const cachedAt = response.headers.get("x-puerta-cached-at");
  return cachedAt ? { ok: true, data, cachedAt } : { ok: true, data };
}

type Ports = z.infer<typeof import("./api-schemas").portsResponseSchema>;
type Availability = z.infer<typeof import("./api-schemas").availabilitySchema>;

export const getPorts = (locale: string) =>
  call(shaped<Ports>("ports", Array.isArray), "/api/v1/ports", {}, locale);

/**
 * Free times, checked with the server every time they are asked for: the browser may hold a copy
 * a few seconds old (the server allows it: max-age), and the copy is most likely to be asked for
 * again right after it proved wrong ("this time is now full", then the times reloaded). With
 * `no-cache` the browser revalidates its copy by ETag, so an unchanged answer costs a 304 without
 * a body; offline, the service worker's stored copy answers instead, "as of" its time.
 */
export const getAvailability = (portId: string, from: string, to: string, locale: string) =>
  call(
    shaped<Availability>("days", Array.isArray),
    `/api/v1/ports/${encodeURIComponent(portId)}/availability?from=${from}&to=${to}`,
    { cache: "no-cache" },
    locale,
  );

/** The multipart body of an application, sent as is or sealed for the outbox (the same bytes either way). */
export function applicationForm(application: unknown, photos: Blob[]): FormData {
  const form = new FormData();
  form.set("application", JSON.stringify(application));
  photos.forEach((photo, i) => form.set(`photo.${i}`, photo, `photo-${i}.jpg`));
  return form;
}

export function submitApplication(application: unknown, photos: Blob[], idempotencyKey: string, locale: string) {
  const form = applicationForm(application, photos);
  return call(validated((s) => s.bookingResponseSchema), "/api/v1/appointments", { method: "POST", body: form, headers: { "idempotency-key": idempotencyKey } }, locale);
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

export const getAppointment = (code: string, secret: string, locale: string) =>
  call(validated((s) => s.appointmentResponseSchema), `/api/v1/appointments/${encodeURIComponent(code)}`, { headers: bearer(secret) }, locale);

export const cancelAppointment = (code: string, secret: string, locale: string) =>
  call(validated((s) => s.appointmentResponseSchema), `/api/v1/appointments/${encodeURIComponent(code)}`, { method: "DELETE", headers: bearer(secret) }, locale);

export const rescheduleAppointment = (code: string, secret: string, slotId: string, locale: string) =>
  call(
    validated((s) => s.appointmentResponseSchema),
    `/api/v1/appointments/${encodeURIComponent(code)}/reschedule`,
    { method: "POST", body: JSON.stringify({ slotId }), headers: { ...bearer(secret), "content-type": "application/json" } },
    locale,
  );

/** Takes a place won in the draw, before its `confirmBy`; 409 `confirmation_window_closed` after. */
export const confirmAppointment = (code: string, secret: string, locale: string) =>
  call(
    validated((s) => s.appointmentResponseSchema),
    `/api/v1/appointments/${encodeURIComponent(code)}/confirm`,
    { method: "POST", body: JSON.stringify({}), headers: { ...bearer(secret), "content-type": "application/json" } },
    locale,
  );

export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}
