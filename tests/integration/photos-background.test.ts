import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { POST as bookRoute } from "@/app/api/v1/appointments/route";
import * as routeCopy from "@/lib/photos/server/pending";
import { reencodePendingPhotos } from "@/lib/photos/server/pending";
import { rows } from "@/lib/server/db/connection";
import { appointments, photos } from "@/lib/server/db/schema";
import { useTestServer } from "../support/api";
import { application, phonePhoto, traveler } from "../support/fixtures";
import { bookingRequest, someSlot } from "../support/requests";
import { GPS_LATITUDE, jpegHeaderMarkers, rationals, withGarbageData, withPhoneMetadata } from "../support/images";
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

  it("marks a photo whose stored bytes no longer decode unreadable, logs it for the operator, and keeps the appointment", async () => {
    // The request decodes every photo's data before it stores it (photos-refused.test.ts), so this
    // happens only if the stored bytes change afterwards: here, data damaged in the database (a
    // Huffman table in one photo, the image data in another). The person sent good photos, so the
    // appointment stands and the officer takes a photo at the port; the queue moves on.
    const good = await phonePhoto();
    const { appointmentId, status } = await bookWith([good, good, good]);
    expect(status).toBe("confirmed");
    const db = await server.db();
    const [, second, third] = await storedPhotos(appointmentId);
    const badTable = Buffer.from(second.upload!);
    badTable[badTable.indexOf(Buffer.from([0xff, 0xc4])) + 5] = 0xff;
    const store = (position: number, upload: Buffer) =>
      db.update(photos).set({ upload }).where(and(eq(photos.appointmentId, appointmentId), eq(photos.position, position)));
    await store(1, badTable);
    await store(2, withGarbageData(third.upload!));

    const log = captureLog();
    try {
      await drain();
    } finally {
      log.stop();
    }
    const stored = await storedPhotos(appointmentId);
    expect(stored.map((p) => p.status)).toEqual(["ready", "unreadable", "unreadable"]);
    expect(stored[1]).toMatchObject({ jpeg: null, upload: null });
    expect(stored[2]).toMatchObject({ jpeg: null, upload: null });
    const faults = log.records().filter((r) => r.msg === "a stored photo no longer decodes");
    expect(faults).toEqual([expect.objectContaining({ level: "error", reason: "undecodable" }), expect.objectContaining({ level: "error", reason: "undecodable" })]);
    expect(log.text()).not.toContain(appointmentId);
  });

  it("re-encodes PNG uploads in the request", async () => {
    const png = await sharp(await phonePhoto()).png().toBuffer();
    const { appointmentId } = await bookWith([png]);
    const [photo] = await storedPhotos(appointmentId);
    expect(photo.status).toBe("ready");
    expect((await sharp(photo.jpeg!).metadata()).format).toBe("jpeg");
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
