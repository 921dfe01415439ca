import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sealForm } from "@/lib/offline/client/seal";
import { appointments, idempotencyKeys, photos, travelers } from "@/lib/server/db/schema";
import { bodyBytesHeld } from "@/lib/server/http/memory-budget";
import { catalogs } from "@/lib/server/i18n/catalogs";
import type { JWK } from "jose";
import { useTestServer } from "../support/api";
import { application, idempotencyKey, phonePhoto, traveler } from "../support/fixtures";
import { bookingRequest, send, someSlot, type Answer } from "../support/requests";
import { multipartOf, serverSealingKey } from "../support/sealed";

// The route holds each body against the process's budget (lib/server/http/memory-budget.ts) from
// before it is read until its answer is made. A budget of 10 MiB: bodies over 640 KiB are large
// and share 5 MiB; MAX_BODY_BYTES of 2 MiB needs at most 4.7 MiB sealed, so every body can fit.
const KiB = 1024;
const MiB = 1024 * KiB;
const BUDGET = 10 * MiB;
const SMALL = 640 * KiB;
const server = useTestServer({ MAX_BODY_BYTES: String(2 * MiB), BODY_MEMORY_BUDGET_BYTES: String(BUDGET) });

let serverKey: JWK;
beforeAll(async () => {
  serverKey = await serverSealingKey();
});

async function stored() {
  const db = await server.db();
  const counts = await Promise.all(
    [appointments, travelers, photos, idempotencyKeys].map(async (table) => (await db.select({ n: count() }).from(table))[0].n),
  );
  return counts.join(",");
}

/** Waits until the process's bodies hold `bytes`. */
async function heldReaches(bytes: number) {
  const deadline = Date.now() + 10_000;
  while (bodyBytesHeld().held !== bytes && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(bodyBytesHeld().held).toBe(bytes);
}

/** A booking's multipart form, a `padding` field (which the server ignores) making it exactly `size` bytes. */
async function paddedForm(app: unknown, size: number): Promise<FormData> {
  const withPadding = async (n: number) => {
    const form = await bookingRequest(app, { photos: [await phonePhoto()] }).formData();
    form.set("padding", "p".repeat(n));
    return form;
  };
  const base = (await multipartOf(await withPadding(0))).bytes.byteLength;
  if (base > size) throw new Error(`a booking is ${base} bytes, more than ${size}`);
  return withPadding(size - base);
}

/**
 * A POST whose body is sent in part and then waits, as an upload on a slow link does: its
 * Content-Length (unless `declare` is false) says the whole. The test ends it: the rest arrives,
 * or the stream fails.
 */
function slowUpload(bytes: Uint8Array, contentType: string, options: { key?: string; declare?: boolean; signal?: AbortSignal; firstBytes?: number } = {}) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const first = options.firstBytes ?? Math.floor(bytes.byteLength / 2);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(bytes.subarray(0, first));
    },
  });
  const headers = new Headers({ "content-type": contentType, "idempotency-key": options.key ?? idempotencyKey() });
  if (options.declare !== false) headers.set("content-length", String(bytes.byteLength));
  const request = new Request("http://localhost:3000/api/v1/appointments", { method: "POST", body, headers, duplex: "half", signal: options.signal } as RequestInit);
  const answer = send(request);
  return {
    answer,
    /** The rest of the body arrives, `chunk` bytes at a time. */
    arrive(chunk = 64 * KiB) {
      for (let at = first; at < bytes.byteLength; at += chunk) controller.enqueue(bytes.subarray(at, Math.min(at + chunk, bytes.byteLength)));
      controller.close();
      return answer;
    },
    /** The connection breaks. */
    fail() {
      controller.error(new Error("socket hang up"));
      return answer;
    },
  };
}

/** Uploads of SMALL bytes each that will never be a booking, holding `bytes` of the budget (in SMALL pieces) until released. */
function fillers(bytes: number) {
  const uploads: ReturnType<typeof slowUpload>[] = [];
  for (let left = bytes; left > 0; left -= SMALL) {
    uploads.push(slowUpload(randomBytes(Math.min(SMALL, left)), "multipart/form-data; boundary=never-there", { firstBytes: 16 }));
  }
  return {
    /** Each ends as its kind of failure does: a broken stream, or a whole body that is not multipart. */
    async release() {
      const answers = await Promise.all(uploads.map((upload, i) => (i % 2 ? upload.fail() : upload.arrive())));
      for (const answer of answers) expect([answer.status, answer.body.error.code]).toEqual([400, "malformed_request"]);
    },
  };
}

function expectBudgetRefusal(answer: Answer, locale: keyof typeof catalogs) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.body.error.code).toBe("service_unavailable");
  expect(answer.body.error.message).toBe(catalogs[locale].errors.codes.service_unavailable);
  expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.headers.get("cache-control")).toBe("no-store");
  expect(answer.headers.get("x-request-id")).toBeTruthy();
}

describe("the memory budget for request bodies", () => {
  it("answers a body that does not fit with 503 and Retry-After, stores nothing of it, and books it when sent again", async () => {
    expect(bodyBytesHeld().held).toBe(0);
    const slot = await someSlot("san-ysidro", 4);
    // Sixteen uploads of 640 KiB on their way fill the budget: three bookings, one application
    // that is invalid, one for a slot that does not exist, and eleven that never become bookings.
    const bookings = await Promise.all(
      [0, 1, 2].map(async () => {
        const form = await paddedForm(application({ slotId: slot.id, travelers: [traveler()] }), SMALL);
        const { bytes, contentType } = await multipartOf(form);
        return slowUpload(bytes, contentType);
      }),
    );
    const invalid = await multipartOf(await paddedForm(application({ slotId: slot.id, travelers: [] }), SMALL));
    const invalidUpload = slowUpload(invalid.bytes, invalid.contentType);
    const noSlot = await multipartOf(await paddedForm(application({ slotId: "san-ysidro-no-such-slot", travelers: [traveler()] }), SMALL));
    const noSlotUpload = slowUpload(noSlot.bytes, noSlot.contentType);
    const others = fillers(11 * SMALL);
    await heldReaches(BUDGET);

    const before = await stored();
    const key = idempotencyKey();
    const app = application({ slotId: slot.id, travelers: [traveler()] });
    const refusedFr = await send(bookingRequest(app, { photos: [await phonePhoto()], key, headers: { "accept-language": "fr-CA,fr;q=0.9" } }));
    expectBudgetRefusal(refusedFr, "fr");
    const refusedAr = await send(bookingRequest(application({ slotId: slot.id, travelers: [traveler()] }), { photos: [await phonePhoto()], headers: { "accept-language": "ar" } }));
    expectBudgetRefusal(refusedAr, "ar");
    expect(await stored()).toBe(before);
    expect(bodyBytesHeld().held).toBe(BUDGET);

    // Each upload gives its share back when it is answered, whatever the answer.
    for (const upload of bookings) expect((await upload.arrive()).status).toBe(201);
    const invalidAnswer = await invalidUpload.arrive();
    expect([invalidAnswer.status, invalidAnswer.body.error.code]).toEqual([422, "validation_failed"]);
    const noSlotAnswer = await noSlotUpload.arrive();
    expect([noSlotAnswer.status, noSlotAnswer.body.error.code]).toEqual([404, "slot_not_found"]);
    await others.release();
    expect(bodyBytesHeld().held).toBe(0);

    // The outbox sends the refused application again, same body and Idempotency-Key: it books.
    const again = await send(bookingRequest(app, { photos: [await phonePhoto()], key }));
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(bodyBytesHeld().held).toBe(0);
  });

  it("counts a body sent without a length as it arrives, and refuses it when it passes what is left", async () => {
    const slot = await someSlot("san-ysidro");
    const others = fillers(15 * SMALL);
    await heldReaches(15 * SMALL);
    const before = await stored();
    const { bytes, contentType } = await multipartOf(await paddedForm(application({ slotId: slot.id, travelers: [traveler()] }), MiB));
    const chunked = slowUpload(bytes, contentType, { declare: false, firstBytes: 64 * KiB });
    await heldReaches(15 * SMALL + 64 * KiB);
    expectBudgetRefusal(await chunked.arrive(64 * KiB), "en");
    expect(await stored()).toBe(before);
    expect(bodyBytesHeld().held).toBe(15 * SMALL);
    await others.release();
    expect(bodyBytesHeld().held).toBe(0);
  });

  it("counts a sealed body's text and the plaintext opened from it", async () => {
    const slot = await someSlot("san-ysidro");
    const plain = await paddedForm(application({ slotId: slot.id, travelers: [traveler()] }), 600 * KiB);
    const plainBytes = (await multipartOf(plain)).bytes.byteLength;
    const sealed = new TextEncoder().encode(await sealForm(plain, serverKey));
    // Room for the sealed text and half the plaintext: only the plaintext does not fit.
    const room = sealed.byteLength + plainBytes / 2;
    const others = fillers(BUDGET - room);
    await heldReaches(BUDGET - room);
    const before = await stored();
    const key = idempotencyKey();
    const first = slowUpload(sealed, "application/jose", { key, firstBytes: sealed.byteLength });
    expectBudgetRefusal(await first.arrive(), "en");
    expect(await stored()).toBe(before);
    expect(bodyBytesHeld().held).toBe(BUDGET - room);

    // With a filler gone there is room for both: the same sealed body books.
    await others.release();
    const again = slowUpload(sealed, "application/jose", { key, firstBytes: sealed.byteLength });
    const answer = await again.arrive();
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(bodyBytesHeld().held).toBe(0);
  });

  it("gives back the share of an upload whose client went away, and stores nothing of it", async () => {
    const slot = await someSlot("san-ysidro");
    const before = await stored();
    const { bytes, contentType } = await multipartOf(await paddedForm(application({ slotId: slot.id, travelers: [traveler()] }), 300 * KiB));
    const client = new AbortController();
    const upload = slowUpload(bytes, contentType, { signal: client.signal });
    await heldReaches(bytes.byteLength);
    client.abort();
    const answer = await upload.answer;
    expect([answer.status, answer.body.error.code]).toEqual([400, "malformed_request"]);
    expect(bodyBytesHeld().held).toBe(0);
    expect(await stored()).toBe(before);
  });
});
