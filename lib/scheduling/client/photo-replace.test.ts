import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { appointment, handlers, SECRET } from "@/tests/mocks/handlers";
import { appPhoto } from "@/tests/support/images";
import { replaceTravelerPhoto } from "./photo-replace";

const server = setupServer(...handlers);
const PUT_URL = "*/api/v1/appointments/:code/travelers/:index/photo";
const CODE = "ABCDE-FGHJK";

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

const jpeg = async () => new Blob([new Uint8Array(await appPhoto(48, 64))], { type: "image/jpeg" });

describe("sending a traveler's new photo", () => {
  it("PUTs the image itself, typed, as the appointment's owner, in the person's language, and keeps the answer's photo state", async () => {
    const photo = await jpeg();
    let seen: { path: string; method: string; headers: Headers; bytes: Buffer } | undefined;
    server.use(
      http.put(PUT_URL, async ({ request }) => {
        seen = { path: new URL(request.url).pathname, method: request.method, headers: request.headers, bytes: Buffer.from(await request.clone().arrayBuffer()) };
      }),
    );
    const result = await replaceTravelerPhoto(CODE, SECRET, 0, photo, "ht");
    expect(result).toEqual({ ok: true, data: { appointment: { ...appointment(), travelers: [{ givenNames: "Ana", familyNames: "Pérez", photo: "pending" }] } } });
    expect(seen?.path).toBe(`/api/v1/appointments/${CODE}/travelers/0/photo`);
    expect(seen?.headers.get("authorization")).toBe(`Bearer ${SECRET}`);
    expect(seen?.headers.get("content-type")).toBe("image/jpeg");
    expect(seen?.headers.get("accept-language")).toBe("ht");
    expect(seen?.bytes.equals(Buffer.from(await photo.arrayBuffer()))).toBe(true);
  });

  it("turns each refusal into its code", async () => {
    const photo = await jpeg();
    expect(await replaceTravelerPhoto(CODE, "wrong", 0, photo, "en")).toMatchObject({ ok: false, error: { code: "appointment_not_found" } });
    expect(await replaceTravelerPhoto(CODE, SECRET, 1, photo, "en")).toMatchObject({ ok: false, error: { code: "traveler_not_found" } });
    const notAPicture = new Blob([new TextEncoder().encode("not a picture")], { type: "image/jpeg" });
    expect(await replaceTravelerPhoto(CODE, SECRET, 0, notAPicture, "en")).toMatchObject({ ok: false, error: { code: "photo_invalid" } });
    server.use(http.put(PUT_URL, () => HttpResponse.json({ error: { code: "appointment_not_active", message: "…" } }, { status: 409 })));
    expect(await replaceTravelerPhoto(CODE, SECRET, 0, photo, "en")).toEqual({ ok: false, error: { code: "appointment_not_active", issues: [], alternatives: [] } });
  });

  it("never asks for an index that cannot be a traveler's", async () => {
    const photo = await jpeg();
    // Such an index is refused on the phone: no request is made (one would be recorded here).
    let asked = false;
    server.use(http.put(PUT_URL, () => void (asked = true)));
    for (const index of [-1, 1.5, Number.NaN]) {
      expect(await replaceTravelerPhoto(CODE, SECRET, index, photo, "en")).toMatchObject({ ok: false, error: { code: "traveler_not_found" } });
    }
    expect(asked).toBe(false);
  });

  it("says `network` offline, and a gateway's bare 502 is the service being unavailable", async () => {
    const photo = await jpeg();
    server.use(http.put(PUT_URL, () => HttpResponse.error()));
    expect(await replaceTravelerPhoto(CODE, SECRET, 0, photo, "en")).toMatchObject({ ok: false, error: { code: "network" } });
    server.use(http.put(PUT_URL, () => new HttpResponse("Bad Gateway", { status: 502 })));
    expect(await replaceTravelerPhoto(CODE, SECRET, 0, photo, "en")).toMatchObject({ ok: false, error: { code: "service_unavailable" } });
  });

  it("refuses an answer that is not an appointment, and reads a photo state it does not know as missing", async () => {
    const photo = await jpeg();
    server.use(http.put(PUT_URL, () => HttpResponse.json({ appointment: { code: CODE } })));
    expect(await replaceTravelerPhoto(CODE, SECRET, 0, photo, "en")).toMatchObject({ ok: false, error: { code: "internal_error" } });
    server.use(http.put(PUT_URL, () => HttpResponse.json({ appointment: { ...appointment(), travelers: [{ givenNames: "Ana", familyNames: "Pérez", photo: "under_review" }] } })));
    const result = await replaceTravelerPhoto(CODE, SECRET, 0, photo, "en");
    expect(result.ok && result.data.appointment.travelers[0].photo).toBeUndefined();
  });
});
