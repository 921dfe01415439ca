import { http, HttpResponse } from "msw";

/**
 * The public API as ../shared/API.md describes it, for client tests that must not need a server:
 * the same shapes and codes, from a tiny in-memory state. Shared by every client test.
 */
export const PORT = {
  id: "san-ysidro",
  name: "San Ysidro",
  state: "CA",
  timeZone: "America/Los_Angeles",
  mode: "first-come",
  address: "PedWest, 720 E San Ysidro Blvd, San Diego, CA 92173",
} as const;

export const SLOT = { id: "san-ysidro-20261201-0800", start: "2026-12-01T08:00:00-08:00", end: "2026-12-01T08:30:00-08:00", capacity: 16, remaining: 3 };
export const OTHER_SLOT = { ...SLOT, id: "san-ysidro-20261201-0830", start: "2026-12-01T08:30:00-08:00", end: "2026-12-01T09:00:00-08:00", remaining: 9 };
export const SECRET = "s".repeat(43);
export const CLOSED_CODE = "LATEC-ODE22";

/** An appointment as the API returns it, in the given status. */
export const appointment = (status = "confirmed") => ({
  code: "ABCDE-FGHJK",
  status,
  portId: PORT.id,
  slot: { id: SLOT.id, start: SLOT.start, end: SLOT.end },
  travelers: [{ givenNames: "Ana", familyNames: "Pérez", photo: "ready" }],
  token: "eyJhbGciOiJFUzI1NiJ9.e30.sig",
});

// What PUT …/travelers/{index}/photo takes: the image itself, in one of these types.
const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
// The first bytes of each: a body that starts otherwise is not a picture (422 photo_invalid).
const SIGNATURES = [[0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47], [0x52, 0x49, 0x46, 0x46]];

const error = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ error: { code, message: code, ...extra } }, { status });

export const handlers = [
  http.get("*/api/v1/ports", () => HttpResponse.json({ ports: [PORT] })),
  http.get("*/api/v1/ports/:portId/availability", ({ params }) =>
    params.portId === PORT.id
      ? HttpResponse.json({ portId: PORT.id, mode: PORT.mode, days: [{ date: "2026-12-01", slots: [SLOT, OTHER_SLOT] }] })
      : error(404, "port_not_found"),
  ),
  http.post("*/api/v1/appointments", async ({ request }) => {
    if (!request.headers.get("idempotency-key")) return error(400, "missing_idempotency_key");
    const form = await request.formData();
    const application = JSON.parse(String(form.get("application")));
    if (application.slotId === "full") return error(409, "slot_full", { alternatives: [OTHER_SLOT] });
    if (!form.get("photo.0")) return error(422, "photo_missing", { issues: [{ path: "photo.0", code: "photo_missing", message: "…" }] });
    return HttpResponse.json({ appointment: appointment(), secret: SECRET }, { status: 201 });
  }),
  http.get("*/api/v1/appointments/:code", ({ request }) =>
    request.headers.get("authorization") === `Bearer ${SECRET}` ? HttpResponse.json({ appointment: appointment() }) : error(404, "appointment_not_found"),
  ),
  http.delete("*/api/v1/appointments/:code", () => HttpResponse.json({ appointment: appointment("cancelled"), status: "cancelled" })),
  // A new photo for one traveler: "pending" until the server has checked it in the background.
  http.put("*/api/v1/appointments/:code/travelers/:index/photo", async ({ request, params }) => {
    if (request.headers.get("authorization") !== `Bearer ${SECRET}`) return error(404, "appointment_not_found");
    const now = appointment();
    const index = String(params.index);
    if (!/^\d{1,3}$/.test(index) || Number(index) >= now.travelers.length) return error(404, "traveler_not_found");
    if (!PHOTO_TYPES.includes(request.headers.get("content-type") ?? "")) return error(415, "unsupported_media_type");
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (!SIGNATURES.some((signature) => signature.every((b, i) => bytes[i] === b))) return error(422, "photo_invalid");
    return HttpResponse.json({ appointment: { ...now, travelers: now.travelers.map((t, i) => (i === Number(index) ? { ...t, photo: "pending" } : t)) } });
  }),
  // CLOSED_CODE stands for a place won in the draw whose `confirmBy` has passed.
  http.post("*/api/v1/appointments/:code/confirm", ({ request, params }) => {
    if (request.headers.get("authorization") !== `Bearer ${SECRET}`) return error(404, "appointment_not_found");
    if (params.code === CLOSED_CODE) return error(409, "confirmation_window_closed");
    return HttpResponse.json({ appointment: appointment("confirmed") });
  }),
];
