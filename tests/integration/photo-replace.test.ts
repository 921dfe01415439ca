import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { PUT as photoRoute } from "@/app/api/v1/appointments/[code]/travelers/[index]/photo/route";
import { reencodePendingPhotos, reencodeTakenPhoto, takePendingPhotos } from "@/lib/photos/server/pending";
import { appointments, photos } from "@/lib/server/db/schema";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { useTestServer } from "../support/api";
import { application, idempotencyKey, traveler } from "../support/fixtures";
import { appPhoto, withGarbageData, withPhoneMetadata } from "../support/images";
import { captureLog } from "../support/log-capture";
import { bookingRequest, cancel, fetchAppointment, send, someSlot, type Answer } from "../support/requests";

// "Needs a new photo": a photo whose image data does not decode is found so in the background
// (the request reads headers only), shown as `photo: "needs_new"`, and replaced with
// PUT /api/v1/appointments/{code}/travelers/{index}/photo. Runs on PGlite and PostgreSQL; on
// PostgreSQL the replacement racing the worker's decode is a real race between two connections.

const server = useTestServer();
const BASE = "http://localhost:3000";

/** PUT a photo for traveler `index`: `body` as the image, with its media type. */
async function putPhoto(
  code: string,
  secret: string | undefined,
  index: string | number,
  body: Uint8Array,
  { type = "image/jpeg", headers = {} }: { type?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const request = new Request(`${BASE}/api/v1/appointments/${code}/travelers/${index}/photo`, {
    method: "PUT",
    headers: { "content-type": type, ...(secret === undefined ? {} : { authorization: `Bearer ${secret}` }), ...headers },
    body: new Uint8Array(body),
  });
  const response = await photoRoute(request, { params: Promise.resolve({ code, index: String(index) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** Books at a first-come port with these photos (201); answers the code, secret, key and row id. */
async function bookWith(photoList: Buffer[], portId = "nogales") {
  const key = idempotencyKey();
  const slot = await someSlot(portId, photoList.length);
  const app = application({ portId, slotId: slot.id, travelers: photoList.map(() => traveler()) });
  const booked = await send(bookingRequest(app, { photos: photoList, key }));
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const [row] = await (await server.db()).select().from(appointments).where(eq(appointments.code, booked.body.appointment.code));
  return { app, key, id: row.id, code: booked.body.appointment.code as string, secret: booked.body.secret as string, booked };
}

/** Runs the background worker until nothing is pending. */
async function drain() {
  const db = await server.db();
  while ((await reencodePendingPhotos(db, 8)) > 0);
}

const photoStates = async (code: string, secret: string) => {
  const read = await fetchAppointment(code, secret);
  expect(read.status).toBe(200);
  return read.body.appointment.travelers.map((t: { photo: string }) => t.photo);
};

const storedPhoto = async (appointmentId: string, position = 0) =>
  (await (await server.db()).select().from(photos).where(and(eq(photos.appointmentId, appointmentId), eq(photos.position, position))))[0];

/** A JPEG whose headers are all valid and whose image data is random: the request cannot tell. */
const garbageJpeg = async () => withGarbageData(await appPhoto());

describe("a photo that needs replacing", () => {
  it("is accepted as pending, found unreadable in the background, shown as needs_new, and replaced by a new one", async () => {
    const log = captureLog();
    let booking: Awaited<ReturnType<typeof bookWith>>;
    try {
      booking = await bookWith([await appPhoto(), await garbageJpeg()]);
      const { code, secret, booked } = booking;
      expect(booked.body.appointment.travelers.map((t: { photo: string }) => t.photo)).toEqual(["pending", "pending"]);
      expect(await photoStates(code, secret)).toEqual(["pending", "pending"]);

      await drain();
      expect(await photoStates(code, secret)).toEqual(["ready", "needs_new"]);

      // A new photo as a phone sends it, with its metadata: none of it is kept.
      const fresh = await withPhoneMetadata(sharp(await appPhoto(300, 400)), 1);
      const replaced = await putPhoto(code, secret, 1, fresh);
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
      expect(replaced.body.appointment).toMatchObject({ code, status: "confirmed" });
      expect(replaced.body.appointment.travelers.map((t: { photo: string }) => t.photo)).toEqual(["ready", "pending"]);
      expect(replaced.headers.get("cache-control")).toBe("no-store");
      const pending = await storedPhoto(booking.id, 1);
      expect(pending).toMatchObject({ status: "pending", jpeg: null, version: 1 });
      expect(pending.upload!.includes(Buffer.from("CheapPhoneCo"))).toBe(false);

      await drain();
      expect(await photoStates(code, secret)).toEqual(["ready", "ready"]);
      const ready = await storedPhoto(booking.id, 1);
      expect(await sharp(ready.jpeg!).metadata()).toMatchObject({ format: "jpeg", width: 300, height: 400 });
      // The GET answers the same appointment as the PUT did, photo states aside.
      const read = await fetchAppointment(code, secret);
      expect({ ...read.body.appointment, travelers: [] }).toEqual({ ...replaced.body.appointment, travelers: [] });
    } finally {
      log.stop();
    }
    // Nothing of the person, the appointment or its secret in the log.
    const text = log.text();
    for (const t of booking.app.travelers) {
      expect(text).not.toContain(t.givenNames);
    }
    for (const secretOrId of [booking.code, booking.secret, booking.id, "+52 664 123 4567"]) expect(text).not.toContain(secretOrId);
  });

  it("still answers the original booking's replay, as first answered", async () => {
    const photo = await garbageJpeg();
    const { app, key, code, booked } = await bookWith([photo]);
    await drain();
    const replay = await send(bookingRequest(app, { photos: [photo], key }));
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(booked.body);
    expect(replay.body.appointment.code).toBe(code);
  });

  it("may be sent again, whatever the state of the one before: PUT is idempotent", async () => {
    const { code, secret, id } = await bookWith([await appPhoto()]);
    const photo = await appPhoto(320, 240);
    for (let i = 0; i < 2; i++) {
      const again = await putPhoto(code, secret, 0, photo);
      expect(again.status).toBe(200);
      expect(again.body.appointment.travelers[0].photo).toBe("pending");
    }
    await drain();
    expect(await photoStates(code, secret)).toEqual(["ready"]);
    const again = await putPhoto(code, secret, 0, photo);
    expect(again.body.appointment.travelers[0].photo).toBe("pending");
    await drain();
    expect(await storedPhoto(id)).toMatchObject({ status: "ready", version: 3, upload: null });
  });

  it("is accepted as a PNG or a WebP, read from its headers only", async () => {
    const { code, secret } = await bookWith([await garbageJpeg()]);
    await drain();
    for (const bytes of [await sharp(await appPhoto()).png().toBuffer(), await sharp(await appPhoto()).webp().toBuffer()]) {
      // The declared type gates the request; the bytes decide what the photo is.
      const sent = await putPhoto(code, secret, 0, bytes, { type: "image/png" });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      await drain();
      expect(await photoStates(code, secret)).toEqual(["ready"]);
    }
  });

  it("is replaced for a request waiting for a draw, and for an allocation", async () => {
    const app = application({ portId: "eagle-pass" });
    const waiting = await send(bookingRequest(app, { photos: [await garbageJpeg()] }));
    expect(waiting.status).toBe(202);
    const { code } = waiting.body.appointment;
    await drain();
    expect(await photoStates(code, waiting.body.secret)).toEqual(["needs_new"]);
    const sent = await putPhoto(code, waiting.body.secret, 0, await appPhoto());
    expect(sent.status).toBe(200);
    expect(sent.body.appointment).toMatchObject({ status: "requested", travelers: [{ photo: "pending" }] });
    const db = await server.db();
    await db.update(appointments).set({ status: "allocated" }).where(eq(appointments.code, code));
    expect((await putPhoto(code, waiting.body.secret, 0, await appPhoto())).status).toBe(200);
  });
});

describe("a new photo arriving while the worker decodes the one before", () => {
  it("wins: the worker's result for the old bytes is dropped, and the new photo is the one made ready", async () => {
    const { code, secret, id } = await bookWith([await garbageJpeg()]);
    const db = await server.db();
    // The worker has taken the old photo and is decoding it...
    const taken = (await takePendingPhotos(db, 8)).filter((p) => p.appointmentId === id);
    expect(taken).toHaveLength(1);
    // ...when the person sends a new one.
    expect((await putPhoto(code, secret, 0, await appPhoto(300, 400))).status).toBe(200);
    expect(await reencodeTakenPhoto(db, taken[0])).toBe("replaced");
    expect(await photoStates(code, secret)).toEqual(["pending"]);
    await drain();
    expect(await photoStates(code, secret)).toEqual(["ready"]);
    expect(await sharp((await storedPhoto(id)).jpeg!).metadata()).toMatchObject({ width: 300, height: 400 });
  });

  it("wins when both really run at once: the new photo ends ready, never the old one's outcome", async () => {
    // The old photo is good and large (a slow decode), so whichever order they run in, its "ready"
    // would be visible if it overwrote the new photo: the new one is a different size.
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { code, secret, id } = await bookWith([await appPhoto(2048, 1536)]);
      const db = await server.db();
      const fresh = await appPhoto(300, 400);
      // The worker takes the photo and decodes it (~0.1 s); the PUT runs meanwhile, on PostgreSQL
      // over another connection, and most often commits first.
      const taken = (await takePendingPhotos(db, 8)).filter((p) => p.appointmentId === id);
      const decoding = Promise.all(taken.map((photo) => reencodeTakenPhoto(db, photo)));
      const sent = await putPhoto(code, secret, 0, fresh);
      expect(sent.status).toBe(200);
      outcomes.push(...(await decoding));
      await drain();
      expect(await photoStates(code, secret)).toEqual(["ready"]);
      const stored = await storedPhoto(id);
      expect(stored).toMatchObject({ status: "ready", version: 1, upload: null, leasedUntil: null });
      expect(await sharp(stored.jpeg!).metadata()).toMatchObject({ width: 300, height: 400 });
    }
    // "replaced" when the PUT committed during the decode, "ready" when the decode was quicker
    // (the PUT then replaced a ready photo): either way the new photo is the one kept.
    expect(outcomes.every((o) => o === "replaced" || o === "ready")).toBe(true);
    console.log(`worker outcomes for the old photo: ${outcomes.join(", ")}`);
  });
});

describe("PUT …/travelers/{index}/photo refuses", () => {
  /** Sends, expects the error, and that the traveler's stored photo did not change. */
  async function refused(run: () => Promise<Answer>, appointmentId: string, status: number, code: string, locale = "en") {
    const before = await storedPhoto(appointmentId);
    const answer = await run();
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.error).toMatchObject({ code, message: catalogs[locale as "en"].errors.codes[code as "photo_invalid"] });
    expect(await storedPhoto(appointmentId)).toEqual(before);
    return answer;
  }

  it("an unknown code, a wrong or missing secret: appointment_not_found", async () => {
    const { code, secret, id } = await bookWith([await garbageJpeg()]);
    const photo = await appPhoto();
    await refused(() => putPhoto(code, "wrong-secret", 0, photo), id, 404, "appointment_not_found");
    await refused(() => putPhoto(code, undefined, 0, photo), id, 404, "appointment_not_found");
    await refused(() => putPhoto("ZZZZZ-ZZZZZ", secret, 0, photo), id, 404, "appointment_not_found");
    await refused(() => putPhoto("%00", secret, 0, photo), id, 404, "appointment_not_found");
  });

  it("an index naming no traveler: traveler_not_found, in the person's language", async () => {
    const { code, secret, id } = await bookWith([await garbageJpeg(), await appPhoto()]);
    const photo = await appPhoto();
    for (const index of ["2", "9", "99", "100", "-1", "01", "+1", "1.0", "one", "", "0x1", "\u0000"]) {
      await refused(() => putPhoto(code, secret, index, photo, { headers: { "accept-language": "ht" } }), id, 404, "traveler_not_found", "ht");
    }
  });

  it("an appointment that is over: appointment_not_active", async () => {
    const { code, secret, id } = await bookWith([await garbageJpeg()]);
    await drain();
    expect((await cancel(code, secret)).status).toBe(200);
    const photo = await appPhoto();
    await refused(() => putPhoto(code, secret, 0, photo), id, 409, "appointment_not_active");
    const db = await server.db();
    for (const status of ["expired", "not_selected", "checked_in"] as const) {
      await db.update(appointments).set({ status }).where(eq(appointments.id, id));
      await refused(() => putPhoto(code, secret, 0, photo), id, 409, "appointment_not_active");
    }
  });

  it("what is not a photo, or one whose headers no decoder reads: photo_invalid naming the traveler", async () => {
    const { code, secret, id } = await bookWith([await garbageJpeg(), await appPhoto()]);
    const photo = await appPhoto();
    const cases: [Uint8Array, string][] = [
      [Buffer.from("just some words"), "photo_not_an_image"],
      [new Uint8Array(0), "photo_not_an_image"],
      [await sharp(photo).gif().toBuffer(), "photo_not_an_image"],
      [photo.subarray(0, 300), "photo_undecodable"],
      [await appPhoto(2100, 1400), "photo_too_many_pixels"],
    ];
    for (const [bytes, issue] of cases) {
      const answer = await refused(() => putPhoto(code, secret, 0, bytes), id, 422, "photo_invalid");
      expect(answer.body.error.issues).toEqual([{ path: "photo.0", code: issue, message: catalogs.en.errors.issues[issue as "photo_undecodable"] }]);
    }
  });

  it("a body that is not declared as an image: unsupported_media_type", async () => {
    const { code, secret, id } = await bookWith([await garbageJpeg()]);
    const photo = await appPhoto();
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/octet-stream", "image/gif", "image/svg+xml", ""]) {
      await refused(() => putPhoto(code, secret, 0, photo, { type }), id, 415, "unsupported_media_type");
    }
  });

  it("a photo over a booking photo's size limit: payload_too_large, declared or streamed", async () => {
    const { code, secret, id } = await bookWith([await garbageJpeg()]);
    const big = Buffer.concat([await appPhoto(), Buffer.alloc(5 * 1024 * 1024)]);
    await refused(() => putPhoto(code, secret, 0, big), id, 413, "payload_too_large");
    // Without a declared length: refused while it streams in.
    const streamed = () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < big.length; at += 256 * 1024) controller.enqueue(new Uint8Array(big.subarray(at, at + 256 * 1024)));
          controller.close();
        },
      });
      const request = new Request(`${BASE}/api/v1/appointments/${code}/travelers/0/photo`, {
        method: "PUT",
        headers: { "content-type": "image/jpeg", authorization: `Bearer ${secret}` },
        body: stream,
        duplex: "half",
      } as RequestInit);
      return photoRoute(request, { params: Promise.resolve({ code, index: "0" }) }).then(async (response) => ({
        status: response.status,
        body: await response.json(),
        headers: response.headers,
      }));
    };
    await refused(streamed, id, 413, "payload_too_large");
  });
});
