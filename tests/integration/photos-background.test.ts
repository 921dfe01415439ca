import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { POST as bookRoute } from "@/app/api/v1/appointments/route";
import * as routeCopy from "@/lib/photos/server/pending";
import { reencodePendingPhotos, takePendingPhotos } from "@/lib/photos/server/pending";
import { rows } from "@/lib/server/db/connection";
import { appointments, photos } from "@/lib/server/db/schema";
import { useTestServer } from "../support/api";
import { application, phonePhoto, traveler } from "../support/fixtures";
import { bookingRequest, someSlot } from "../support/requests";
import { GPS_LATITUDE, jpegHeaderMarkers, rationals, seededBytes, withGarbageData, withPhoneMetadata } from "../support/images";
import { captureLog } from "../support/log-capture";

const server = useTestServer();

/** Landscape pixels that say "turn me 90° clockwise", with GPS, the phone's make, a name and a comment. */
const phonePhotoWithMetadata = async () => withPhoneMetadata(sharp(await phonePhoto()).resize(960, 720));

async function bookWith(photoList: Buffer[], portId = "san-ysidro") {
  const slot = await someSlot(portId, photoList.length);
  const travelers = photoList.map(() => traveler());
  const response = await bookRoute(bookingRequest(application({ portId, slotId: slot.id, travelers }), { photos: photoList }), {});
  expect(response.status).toBe(201);
  const { appointment } = await response.json();
  const db = await server.db();
  const [row] = await db.select().from(appointments).where(eq(appointments.code, appointment.code));
  return { appointmentId: row.id, status: row.status };
}

const storedPhotos = async (appointmentId: string) =>
  (await server.db()).select().from(photos).where(eq(photos.appointmentId, appointmentId)).orderBy(photos.position);

/** Re-encodes until nothing is pending (other files' tests may leave photos pending too). */
async function drain() {
  const db = await server.db();
  while ((await reencodePendingPhotos(db, 8)) > 0);
}

describe("photos re-encoded after the booking", () => {
  it("stores a JPEG at once without its metadata, then re-encodes it upright at 640 px", async () => {
    const upload = await phonePhotoWithMetadata();
    const { appointmentId } = await bookWith([upload]);

    const [pending] = await storedPhotos(appointmentId);
    expect(pending).toMatchObject({ status: "pending", jpeg: null });
    const kept = pending.upload!;
    // Already in the request: nothing of the phone's metadata reaches the database.
    for (const needle of ["CheapPhoneCo", "Traveler Name"]) expect(kept.includes(Buffer.from(needle)), needle).toBe(false);
    expect(kept.includes(rationals(GPS_LATITUDE, true)) || kept.includes(rationals(GPS_LATITUDE, false))).toBe(false);
    expect((await sharp(kept).metadata()).orientation).toBe(6);

    await drain();
    const [ready] = await storedPhotos(appointmentId);
    expect(ready).toMatchObject({ status: "ready", upload: null });
    const meta = await sharp(ready.jpeg!).metadata();
    // Turned upright (720×960 after the quarter turn), scaled to fit 640, and no EXIF left at all.
    expect(meta).toMatchObject({ format: "jpeg", width: 480, height: 640 });
    expect(meta.exif).toBeUndefined();
    expect(jpegHeaderMarkers(ready.jpeg!).filter((m) => m >= 0xe1 && m <= 0xef)).toEqual([]);
  });

  it("marks a photo whose image data does not decode unreadable, drops its bytes, and logs no more than why", async () => {
    // The request reads headers only (photos-refused.test.ts): this photo's headers are all valid.
    const good = await phonePhoto();
    const { appointmentId, status } = await bookWith([good, withGarbageData(good)]);
    expect(status).toBe("confirmed");
    expect((await storedPhotos(appointmentId)).map((p) => p.status)).toEqual(["pending", "pending"]);

    const log = captureLog();
    try {
      await drain();
    } finally {
      log.stop();
    }
    const stored = await storedPhotos(appointmentId);
    expect(stored.map((p) => p.status)).toEqual(["ready", "unreadable"]);
    expect(stored[1]).toMatchObject({ jpeg: null, upload: null, leasedUntil: null });
    // The person's input, not a fault of ours: told to them (photo-replace.test.ts), not an error.
    const lines = log.records().filter((r) => r.msg === "a photo's image data does not decode: a new one is asked for");
    expect(lines).toEqual([expect.objectContaining({ level: "info", reason: "undecodable" })]);
    expect(log.records().filter((r) => r.level === "error")).toEqual([]);
    expect(log.text()).not.toContain(appointmentId);
  });

  it.each(["png", "webp"] as const)("keeps a %s photo for the background too, without its metadata, then re-encodes it", async (format) => {
    const upload = await withPhoneMetadata(sharp(await phonePhoto()).resize(960, 720), 6, format);
    const { appointmentId } = await bookWith([upload]);
    const [pending] = await storedPhotos(appointmentId);
    expect(pending).toMatchObject({ status: "pending", jpeg: null });
    for (const needle of ["CheapPhoneCo", "Traveler Name"]) expect(pending.upload!.includes(Buffer.from(needle)), needle).toBe(false);
    expect(await sharp(pending.upload!).metadata()).toMatchObject({ format, orientation: 6 });

    await drain();
    const [ready] = await storedPhotos(appointmentId);
    expect(ready).toMatchObject({ status: "ready", upload: null });
    expect(await sharp(ready.jpeg!).metadata()).toMatchObject({ format: "jpeg", width: 480, height: 640 });
  });

  it("marks a PNG or a lossless WebP whose image data does not decode unreadable", async () => {
    const png = await sharp(await phonePhoto()).resize(320).png().toBuffer();
    const idat = png.indexOf(Buffer.from("IDAT")) + 4;
    const garbagePng = Buffer.from(png);
    garbagePng.set(seededBytes(png.readUInt32BE(idat - 8), 11), idat);
    const webp = await sharp(await phonePhoto()).resize(320).webp({ lossless: true }).toBuffer();
    const garbageWebp = Buffer.concat([webp.subarray(0, 25), seededBytes(webp.length - 25, 12)]);
    const { appointmentId } = await bookWith([garbagePng, garbageWebp]);
    await drain();
    expect((await storedPhotos(appointmentId)).map((p) => p.status)).toEqual(["unreadable", "unreadable"]);
  });

  it("takes a photo again once the lease of a worker that died has run out", async () => {
    const { appointmentId } = await bookWith([await phonePhoto()]);
    await drain();
    const db = await server.db();
    await db.update(photos).set({ status: "pending", upload: await phonePhoto(), jpeg: null }).where(eq(photos.appointmentId, appointmentId));
    // A worker takes it and dies before storing anything.
    expect(await takePendingPhotos(db, 8)).toEqual([expect.objectContaining({ appointmentId, position: 0 })]);
    expect(await reencodePendingPhotos(db, 8)).toBe(0);
    expect((await storedPhotos(appointmentId))[0].status).toBe("pending");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6 * 60_000 });
    try {
      expect(await reencodePendingPhotos(db, 8)).toBe(1);
    } finally {
      vi.useRealTimers();
    }
    expect((await storedPhotos(appointmentId))[0]).toMatchObject({ status: "ready", leasedUntil: null });
  });

  it("never re-encodes a photo twice when workers run at once", async () => {
    const photo = await phonePhoto();
    const booked = await Promise.all([bookWith([photo, photo], "calexico"), bookWith([photo, photo, photo], "nogales")]);
    const db = await server.db();
    const pendingBefore = (await db.select().from(photos).where(eq(photos.status, "pending"))).length;
    expect(pendingBefore).toBeGreaterThanOrEqual(5);

    // Four workers, one photo each per transaction, until none finds anything left.
    const handled = await Promise.all(
      Array.from({ length: 4 }, async () => {
        let total = 0;
        for (let n = await reencodePendingPhotos(db, 1); n > 0; n = await reencodePendingPhotos(db, 1)) total += n;
        return total;
      }),
    );
    expect(handled.reduce((a, b) => a + b, 0)).toBe(pendingBefore);
    for (const { appointmentId } of booked) {
      const rows = await db.select().from(photos).where(and(eq(photos.appointmentId, appointmentId), eq(photos.status, "ready")));
      expect(rows.length).toBeGreaterThanOrEqual(2);
    }
    expect(await db.select().from(photos).where(eq(photos.status, "pending"))).toEqual([]);
  });

  // Last in this file: from here on a worker runs in the background.
  it("is started by the start-up code and woken by the route, though Next.js loads the module once for each", async () => {
    vi.resetModules();
    const startUpCopy = await import("@/lib/photos/server/pending");
    // Two copies of the module, as in the server: their functions are not the same objects.
    expect(startUpCopy.startPhotoWorker).not.toBe(routeCopy.startPhotoWorker);
    startUpCopy.startPhotoWorker(await server.db());
    try {
      // Booked through the route, whose copy of the module wakes the worker.
      const { appointmentId } = await bookWith([await phonePhotoWithMetadata()]);
      await vi.waitFor(async () => expect((await storedPhotos(appointmentId))[0].status).toBe("ready"), { timeout: 10_000, interval: 100 });
    } finally {
      startUpCopy.stopPhotoWorker();
    }
  });

  it("are stored without a compression attempt: JPEG bytes and sealed responses do not compress", async () => {
    const storage = await rows<{ column: string; storage: string }>(
      await server.db(),
      sql`SELECT attrelid::regclass::text || '.' || attname AS column, attstorage AS storage FROM pg_attribute
          WHERE (attrelid, attname) IN (('photos'::regclass, 'jpeg'), ('photos'::regclass, 'upload'), ('idempotency_keys'::regclass, 'response'))
          ORDER BY 1`,
    );
    // 'e' = EXTERNAL: out of line, uncompressed (the default, 'x', runs pglz over every photo first).
    expect(storage).toEqual([
      { column: "idempotency_keys.response", storage: "e" },
      { column: "photos.jpeg", storage: "e" },
      { column: "photos.upload", storage: "e" },
    ]);
  });
});
