import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CLOSED_CODE, handlers, OTHER_SLOT, PORT, SECRET, SLOT } from "@/tests/mocks/handlers";
import { cancelAppointment, confirmAppointment, getAppointment, getAvailability, getPorts, newIdempotencyKey, submitApplication } from "./api-client";

const server = setupServer(...handlers);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  // The client calls same-origin paths, as in the browser; give them the page's origin here.
  const intercepted = globalThis.fetch;
  vi.stubGlobal("fetch", (input: string, init?: RequestInit) => intercepted(new URL(input, "http://puerta.test"), init));
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  vi.unstubAllGlobals();
  server.close();
});

const photo = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" });

describe("the booking app's API client", () => {
  it("reads ports and free times", async () => {
    expect(await getPorts("es")).toEqual({ ok: true, data: { ports: [PORT] } });
    const availability = await getAvailability(PORT.id, "2026-12-01", "2026-12-01", "es");
    expect(availability.ok && availability.data.days[0].slots).toEqual([SLOT, OTHER_SLOT]);
  });

  it("asks for free times checked with the server (revalidated, never a browser copy taken as is)", async () => {
    let asked: Request | undefined;
    server.use(http.get("*/api/v1/ports/:portId/availability", ({ request }) => void (asked = request)));
    expect((await getAvailability(PORT.id, "2026-12-01", "2026-12-14", "es")).ok).toBe(true);
    expect(asked?.cache).toBe("no-cache");
    expect(new URL(asked!.url).search).toBe("?from=2026-12-01&to=2026-12-14");
  });

  it("sends the application with its key and photos, and keeps what the server answered", async () => {
    const result = await submitApplication({ slotId: SLOT.id }, [photo()], newIdempotencyKey(), "es");
    expect(result.ok && result.data.secret).toBe(SECRET);
    expect(result.ok && result.data.appointment.code).toBe("ABCDE-FGHJK");
  });

  it("turns refusals into codes the screens translate, with the alternatives", async () => {
    const full = await submitApplication({ slotId: "full" }, [photo()], newIdempotencyKey(), "es");
    expect(full).toEqual({ ok: false, error: { code: "slot_full", issues: [], alternatives: [OTHER_SLOT] } });
    const missing = await submitApplication({ slotId: SLOT.id }, [], newIdempotencyKey(), "es");
    expect(!missing.ok && missing.error.issues).toEqual([{ path: "photo.0", code: "photo_missing", message: "…" }]);
    expect(await getAvailability("tijuana", "2026-12-01", "2026-12-01", "es")).toMatchObject({ ok: false, error: { code: "port_not_found" } });
  });

  it("asks as the appointment's owner", async () => {
    expect((await getAppointment("ABCDE-FGHJK", SECRET, "es")).ok).toBe(true);
    expect(await getAppointment("ABCDE-FGHJK", "wrong", "es")).toMatchObject({ ok: false, error: { code: "appointment_not_found" } });
    const cancelled = await cancelAppointment("ABCDE-FGHJK", SECRET, "es");
    expect(cancelled.ok && cancelled.data.appointment.status).toBe("cancelled");
  });

  it("confirms a place won in the draw, and says when the time to confirm has passed", async () => {
    let body: unknown;
    // Records what was sent, then falls through to the shared handler.
    server.use(http.post("*/api/v1/appointments/:code/confirm", async ({ request }) => void (body = await request.clone().json())));
    const confirmed = await confirmAppointment("ABCDE-FGHJK", SECRET, "es");
    expect(confirmed.ok && confirmed.data.appointment.status).toBe("confirmed");
    expect(body).toEqual({});
    expect(await confirmAppointment(CLOSED_CODE, SECRET, "es")).toEqual({
      ok: false,
      error: { code: "confirmation_window_closed", issues: [], alternatives: [] },
    });
  });

  it("says 'network' when there is no connection, and never throws", async () => {
    server.use(http.get("*/api/v1/ports", () => HttpResponse.error()));
    expect(await getPorts("es")).toEqual({ ok: false, error: { code: "network", issues: [], alternatives: [] } });
  });

  it("does not trust a success that is not the contract's shape", async () => {
    server.use(http.get("*/api/v1/appointments/:code", () => HttpResponse.json({ appointment: { code: 42 } })));
    expect(await getAppointment("ABCDE-FGHJK", SECRET, "es")).toMatchObject({ ok: false, error: { code: "internal_error" } });
    server.use(http.get("*/api/v1/ports", () => new HttpResponse("<html>proxy error</html>", { status: 502 })));
    expect(await getPorts("es")).toMatchObject({ ok: false, error: { code: "service_unavailable" } });
  });
});
