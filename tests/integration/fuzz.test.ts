import { count } from "drizzle-orm";
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DELETE as cancelRoute, GET as getAppointmentRoute } from "@/app/api/v1/appointments/[code]/route";
import { POST as confirmRoute } from "@/app/api/v1/appointments/[code]/confirm/route";
import { POST as rescheduleRoute } from "@/app/api/v1/appointments/[code]/reschedule/route";
import { PUT as photoRoute } from "@/app/api/v1/appointments/[code]/travelers/[index]/photo/route";
import { POST as bookRoute } from "@/app/api/v1/appointments/route";
import { GET as drawRoute } from "@/app/api/v1/draws/[portId]/[date]/route";
import { GET as availabilityRoute } from "@/app/api/v1/ports/[portId]/availability/route";
import { appointments } from "@/lib/server/db/schema";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { errorStatus, type ErrorCode } from "@/lib/shared/errors/codes";
import { locales, type Locale } from "@/lib/shared/i18n/locales";
import { useTestServer } from "../support/api";
import { application, idempotencyKey, phonePhoto } from "../support/fixtures";
import { appPhoto } from "../support/images";
import { book, someSlot } from "../support/requests";

// Whatever arrives, the answer is one a client can act on: never a 5xx (the phone's outbox retries
// those for ever), and every error in the contract's shape, in the language asked for. Runs are
// few enough for the file to finish in seconds; a failure prints the seed that replays it.

const server = useTestServer();
const BASE = "http://localhost:3000";

/** Characters that have broken servers: NUL and other controls, lone surrogates, escapes, markup. */
const hostileUnit = fc.oneof(
  fc.constantFrom("\u0000", "\ud800", "\udfff", "\u001b", "\u007f", "\u0085", "\u202e", "\ufeff", "%", "%ff", "/", "\\", "'", '"', "<"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
);
const hostileString = fc.string({ unit: hostileUnit, maxLength: 40 });
const locale = fc.constantFrom(...locales);
/** Arrays, objects or both, nested up to 20,000 deep. */
const deepJson = fc
  .record({ depth: fc.integer({ min: 1, max: 20_000 }), brackets: fc.constantFrom<[string, string]>(["[", "]"], ['{"a":', "}"], ['[{"b":', "}]"]) })
  .map(({ depth, brackets: [open, close] }) => `${open.repeat(depth)}0${close.repeat(depth)}`);

const RUNS = { numRuns: 40 };

async function expectClean(response: Response, language: Locale): Promise<void> {
  expect(response.status).toBeLessThan(500);
  if (response.status < 400) return;
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  const { code, message, issues } = body.error;
  expect(errorStatus[code as ErrorCode]).toBe(response.status);
  expect(message).toBe(catalogs[language].errors.codes[code as ErrorCode]);
  if (issues === undefined) return;
  for (const issue of issues) {
    expect(issue).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.any(String) });
    expect(issue.message).not.toBe(issue.code);
  }
}

const storedAppointments = async () => (await (await server.db()).select({ n: count() }).from(appointments))[0].n;

function bookingRequest(form: FormData | Uint8Array, language: Locale, contentType?: string): Request {
  const headers = new Headers({ "idempotency-key": idempotencyKey(), "accept-language": language });
  if (contentType) headers.set("content-type", contentType);
  return new Request(`${BASE}/api/v1/appointments`, { method: "POST", body: form instanceof FormData ? form : new Uint8Array(form), headers });
}

function applicationForm(part: string | Uint8Array, photo?: Buffer): FormData {
  const form = new FormData();
  form.set("application", typeof part === "string" ? part : new Blob([new Uint8Array(part)]));
  if (photo) form.set("photo.0", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "photo.jpg");
  return form;
}

describe("the booking body", () => {
  it("answers random bytes, random JSON and deep JSON in the application part with a 4xx, storing nothing", async () => {
    const before = await storedAppointments();
    const part = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.json({ stringUnit: hostileUnit }),
      fc.anything({ stringUnit: hostileUnit }).map((value) => JSON.stringify(value) ?? "null"),
      deepJson,
    );
    await fc.assert(
      fc.asyncProperty(part, locale, async (content, language) => {
        await expectClean(await bookRoute(bookingRequest(applicationForm(content), language), {}), language);
      }),
      { numRuns: 100 },
    );
    expect(await storedAppointments()).toBe(before);
  });

  it("answers random bytes and JSON as the whole body with a 4xx, whatever its declared type", async () => {
    const before = await storedAppointments();
    const body = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.json({ stringUnit: hostileUnit }).map((text) => new TextEncoder().encode(text)), deepJson.map((text) => new TextEncoder().encode(text)));
    const type = fc.constantFrom("multipart/form-data; boundary=x", "multipart/form-data", "application/jose", "application/json", "text/plain");
    await fc.assert(
      fc.asyncProperty(body, type, locale, async (bytes, contentType, language) => {
        await expectClean(await bookRoute(bookingRequest(bytes, language, contentType), {}), language);
      }),
      RUNS,
    );
    expect(await storedAppointments()).toBe(before);
  });

  it("answers hostile text in any field of a valid application without a 5xx", async () => {
    const photo = await phonePhoto();
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const availability = await availabilityRoute(new Request(`${BASE}/api/v1/ports/san-ysidro/availability?from=${from}&to=${from}`), {
      params: Promise.resolve({ portId: "san-ysidro" }),
    });
    const slotId = (await availability.json()).days[0].slots[0].id;
    const field = fc.constantFrom(
      ["portId"], ["slotId"], ["locale"], ["attestations", 0], ["travelers", 0, "givenNames"], ["travelers", 0, "familyNames"],
      ["travelers", 0, "dateOfBirth"], ["travelers", 0, "nationality"], ["travelers", 0, "preferredLanguage"], ["contact", "phone"],
      ["contact", "email"], ["location", "capturedAt"], ["hostile"],
    );
    await fc.assert(
      fc.asyncProperty(field, hostileString, locale, async (path, text, language) => {
        const valid: Record<string | number, unknown> = application({ slotId });
        let node = valid;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path.at(-1)!] = text;
        await expectClean(await bookRoute(bookingRequest(applicationForm(JSON.stringify(valid), photo), language), {}), language);
      }),
      RUNS,
    );
  });
});

describe("path parameters", () => {
  // Each gets the hostile string as its path parameter, and a second one where it reads another value.
  const routes: Record<string, (value: string, other: string) => Promise<Response>> = {
    availability: (value) =>
      availabilityRoute(new Request(`${BASE}/api/v1/ports/p/availability?from=2026-12-10&to=2026-12-11`), { params: Promise.resolve({ portId: value }) }),
    "availability (dates)": (value, other) =>
      availabilityRoute(new Request(`${BASE}/api/v1/ports/p/availability?${new URLSearchParams({ from: value, to: other })}`), {
        params: Promise.resolve({ portId: "laredo" }),
      }),
    "draw (port)": (value) => drawRoute(new Request(`${BASE}/api/v1/draws/p/d`), { params: Promise.resolve({ portId: value, date: "2026-12-01" }) }),
    "draw (date)": (value) => drawRoute(new Request(`${BASE}/api/v1/draws/p/d`), { params: Promise.resolve({ portId: "laredo", date: value }) }),
    appointment: (value) => getAppointmentRoute(new Request(`${BASE}/api/v1/appointments/c`), { params: Promise.resolve({ code: value }) }),
    cancel: (value) =>
      cancelRoute(new Request(`${BASE}/api/v1/appointments/c`, { method: "DELETE", headers: { authorization: "Bearer x" } }), {
        params: Promise.resolve({ code: value }),
      }),
    reschedule: (value, other) =>
      rescheduleRoute(
        new Request(`${BASE}/api/v1/appointments/c/reschedule`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ slotId: other }),
        }),
        { params: Promise.resolve({ code: value }) },
      ),
    confirm: (value) => confirmRoute(new Request(`${BASE}/api/v1/appointments/c/confirm`, { method: "POST" }), { params: Promise.resolve({ code: value }) }),
    "new photo (code)": (value) => photoRoute(photoRequest(new Uint8Array([0xff, 0xd8, 0xff])), { params: Promise.resolve({ code: value, index: "0" }) }),
    "new photo (index)": (value, other) => photoRoute(photoRequest(new Uint8Array([0xff, 0xd8, 0xff])), { params: Promise.resolve({ code: other, index: value }) }),
  };

  it.each(Object.entries(routes))("%s answers any string with a 4xx in the error shape", async (_, call) => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (value, other) => {
        // The route handlers read Accept-Language from the request: English here, localized above.
        await expectClean(await call(value, other), "en");
      }),
      RUNS,
    );
  });
});

function photoRequest(bytes: Uint8Array, contentType = "image/jpeg", secret = "x", language: Locale = "en"): Request {
  return new Request(`${BASE}/api/v1/appointments/c/travelers/0/photo`, {
    method: "PUT",
    headers: { "content-type": contentType, authorization: `Bearer ${secret}`, "accept-language": language },
    body: new Uint8Array(bytes),
  });
}

describe("a new photo's body", () => {
  it("answers random bytes and damaged real images, as any declared type, with a 4xx or a pending photo, never a 5xx", async () => {
    const slot = await someSlot("san-ysidro");
    const booked = await book(application({ slotId: slot.id }));
    expect(booked.status).toBe(201);
    const { code } = booked.body.appointment;
    const photo = await appPhoto(96, 128);
    const originals = [photo, await sharp(photo).png().toBuffer(), await sharp(photo).webp().toBuffer(), await sharp(photo).webp({ lossless: true }).toBuffer()];
    // A real image with a few bytes anywhere in its first 200 (its headers) replaced, or cut short.
    const damaged = fc
      .record({
        original: fc.constantFrom(...originals),
        changes: fc.array(fc.record({ at: fc.nat({ max: 199 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }),
        cut: fc.option(fc.nat({ max: 4000 })),
      })
      .map(({ original, changes, cut }) => {
        const bytes = Buffer.from(original);
        for (const { at, value } of changes) bytes[at % bytes.length] = value;
        return cut === null ? bytes : bytes.subarray(0, cut);
      });
    const body = fc.oneof(fc.uint8Array({ maxLength: 300 }), damaged);
    const type = fc.constantFrom("image/jpeg", "image/png", "image/webp", "text/plain", "");
    await fc.assert(
      fc.asyncProperty(body, type, locale, async (bytes, contentType, language) => {
        const response = await photoRoute(photoRequest(bytes, contentType, booked.body.secret, language), { params: Promise.resolve({ code, index: "0" }) });
        if (response.status === 200) expect((await response.clone().json()).appointment.travelers[0].photo).toBe("pending");
        await expectClean(response, language);
      }),
      { numRuns: 150 },
    );
  });
});
