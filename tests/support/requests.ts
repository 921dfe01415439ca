import { getAvailability } from "@/lib/scheduling/server/availability";
import { GET as getAppointmentRoute, DELETE as cancelRoute } from "@/app/api/v1/appointments/[code]/route";
import { POST as confirmRoute } from "@/app/api/v1/appointments/[code]/confirm/route";
import { POST as rescheduleRoute } from "@/app/api/v1/appointments/[code]/reschedule/route";
import { GET as drawRoute } from "@/app/api/v1/draws/[portId]/[date]/route";
import { POST as bookRoute } from "@/app/api/v1/appointments/route";
import { GET as availabilityRoute } from "@/app/api/v1/ports/[portId]/availability/route";
import { idempotencyKey, phonePhoto } from "./fixtures";

const BASE = "http://localhost:3000";

export type Answer = { status: number; body: any; headers: Headers };

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export function bookingRequest(
  application: unknown,
  options: { photos?: (Blob | Buffer)[]; key?: string | null; headers?: Record<string, string> } = {},
): Request {
  const form = new FormData();
  form.set("application", typeof application === "string" ? application : JSON.stringify(application));
  (options.photos ?? []).forEach((photo, i) =>
    form.set(`photo.${i}`, photo instanceof Blob ? photo : new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), `photo-${i}.jpg`),
  );
  const headers = new Headers(options.headers);
  if (options.key !== null) headers.set("idempotency-key", options.key ?? idempotencyKey());
  return new Request(`${BASE}/api/v1/appointments`, { method: "POST", body: form, headers });
}

/** Books with one real photo per traveler. */
export async function book(application: Record<string, unknown>, key?: string, headers?: Record<string, string>) {
  const photo = await phonePhoto();
  const count = Array.isArray(application.travelers) ? application.travelers.length : 1;
  const photos = Array.from({ length: count }, () => photo);
  return answer(await bookRoute(bookingRequest(application, { photos, key, headers }), {}));
}

export async function send(request: Request) {
  return answer(await bookRoute(request, {}));
}

export async function availability(portId: string, from: string, to: string) {
  const request = new Request(`${BASE}/api/v1/ports/${portId}/availability?from=${from}&to=${to}`);
  return answer(await availabilityRoute(request, { params: Promise.resolve({ portId }) }));
}

const auth = (secret?: string): Record<string, string> => (secret === undefined ? {} : { authorization: `Bearer ${secret}` });

export async function fetchAppointment(code: string, secret?: string) {
  const request = new Request(`${BASE}/api/v1/appointments/${code}`, { headers: auth(secret) });
  return answer(await getAppointmentRoute(request, { params: Promise.resolve({ code }) }));
}

export async function cancel(code: string, secret?: string) {
  const request = new Request(`${BASE}/api/v1/appointments/${code}`, { method: "DELETE", headers: auth(secret) });
  return answer(await cancelRoute(request, { params: Promise.resolve({ code }) }));
}

export async function reschedule(code: string, secret: string | undefined, body: unknown) {
  const request = new Request(`${BASE}/api/v1/appointments/${code}/reschedule`, {
    method: "POST",
    headers: { ...auth(secret), "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return answer(await rescheduleRoute(request, { params: Promise.resolve({ code }) }));
}

/**
 * The first bookable slot of a port with at least `seats` left, a few days out. Read from the
 * database, not through the route: the route may answer from its one-second memo, and tests book
 * seat after seat faster than that.
 */
export async function someSlot(portId: string, seats = 1, dayOffset = 3) {
  const from = new Date(Date.now() + dayOffset * 86_400_000).toISOString().slice(0, 10);
  const { days } = await getAvailability(portId, from, from, new Date());
  const slot = days[0].slots.find((s) => s.remaining >= seats);
  if (!slot) throw new Error(`no slot with ${seats} seats at ${portId} on ${from}`);
  return slot as { id: string; start: string; end: string; capacity: number; remaining: number };
}

export async function confirm(code: string, secret: string | undefined, body?: unknown) {
  const request = new Request(`${BASE}/api/v1/appointments/${code}/confirm`, {
    method: "POST",
    headers: { ...auth(secret), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answer(await confirmRoute(request, { params: Promise.resolve({ code }) }));
}

export async function drawState(portId: string, date: string) {
  const request = new Request(`${BASE}/api/v1/draws/${portId}/${date}`);
  return answer(await drawRoute(request, { params: Promise.resolve({ portId, date }) }));
}
