import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { reencodePendingPhotos } from "@/lib/photos/server/pending";
import { appointments, idempotencyKeys, photos, travelers } from "@/lib/server/db/schema";
import { catalogs } from "@/lib/server/i18n/catalogs";
import { useTestServer } from "../support/api";
import { application, traveler } from "../support/fixtures";
import { appPhoto, seededBytes, withGarbageData } from "../support/images";
import { bookingRequest, send, someSlot, type Answer } from "../support/requests";

// Photos the booking refuses, through the real route and the real pipeline: nothing of such a
// booking is stored, and the person hears which photo and why, in their language.

const server = useTestServer();

async function stored(): Promise<string> {
  const db = await server.db();
  const counts = await Promise.all(
    [appointments, travelers, photos, idempotencyKeys].map(async (table) => (await db.select({ n: count() }).from(table))[0].n),
  );
  return counts.join(",");
}

async function bookWith(photoList: Buffer[], headers: Record<string, string> = {}): Promise<Answer> {
  const slot = await someSlot("nogales", photoList.length);
  const app = application({ portId: "nogales", slotId: slot.id, travelers: photoList.map(() => traveler()) });
  return send(bookingRequest(app, { photos: photoList, headers }));
}

/** Books with these photos, expects 422 photo_invalid naming each refused photo, and that nothing was stored. */
async function refused(photoList: Buffer[], issues: { path: string; code: string }[], locale = "en"): Promise<Answer> {
  const before = await stored();
  const answer = await bookWith(photoList, { "accept-language": locale });
  expect(answer.status, JSON.stringify(answer.body)).toBe(422);
  expect(answer.body.error.code).toBe("photo_invalid");
  expect(answer.body.error.issues).toEqual(
    issues.map(({ path, code }) => ({ path, code, message: catalogs[locale as "en"].errors.issues[code as "photo_undecodable"] })),
  );
  expect(await stored()).toBe(before);
  return answer;
}

/** Books with these photos, lets the background re-encode run, and answers each photo's stored state. */
async function storedStates(photoList: Buffer[]): Promise<string[]> {
  const answer = await bookWith(photoList);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const db = await server.db();
  const [row] = await db.select().from(appointments).where(eq(appointments.code, answer.body.appointment.code));
  while ((await reencodePendingPhotos(db, 8)) > 0);
  const rows = await db.select().from(photos).where(eq(photos.appointmentId, row.id));
  return rows.sort((a, b) => a.position - b.position).map((p) => `${p.status}:${p.jpeg === null ? "no bytes" : "bytes"}`);
}

// The image data is decoded off the request (decoding every photo in the request halved the
// bookings a second when slots open): such a photo is never stored as ready. The person is then
// told (`photo: "needs_new"`) and sends another (photo-replace.test.ts).
describe("a photo whose image data does not decode", () => {
  it("is never stored as ready, though every header is valid: the re-encode marks it unreadable and drops it", async () => {
    // A real JPEG as the app makes it, its scan data overwritten with random bytes, its end marker kept.
    const garbage = withGarbageData(await appPhoto());
    expect(await sharp(garbage).metadata()).toMatchObject({ format: "jpeg", width: 480, height: 640 });
    expect(await storedStates([garbage])).toEqual(["unreadable:no bytes"]);
  });

  it("among good ones, only it is unreadable", async () => {
    const good = await appPhoto();
    expect(await storedStates([good, withGarbageData(good, { from: 0.5, seed: 9 })])).toEqual(["ready:bytes", "unreadable:no bytes"]);
  });

  it("is unreadable when the data stops short of the end of the image", async () => {
    const photo = await appPhoto();
    const end = photo.length - 2;
    expect(await storedStates([Buffer.concat([photo.subarray(0, end - 1), photo.subarray(end)])])).toEqual(["unreadable:no bytes"]);
  });
});

describe("a photo over the size cap", () => {
  it("is refused, JPEG or PNG, from its header, and nothing is stored", async () => {
    // 2100 px: more than three times the 640 px the app sends, and over the cap.
    const jpeg = await appPhoto(2100, 1400);
    const png = await sharp({ create: { width: 1400, height: 2100, channels: 3, background: "#8a6" } }).png().toBuffer();
    await refused([jpeg, png], [
      { path: "photo.0", code: "photo_too_many_pixels" },
      { path: "photo.1", code: "photo_too_many_pixels" },
    ]);
  });
});

describe("a PNG or WebP", () => {
  it("is refused from its headers alone when no decoder would read it, and nothing is stored", async () => {
    const png = await sharp(await appPhoto(120, 160)).png().toBuffer();
    const webp = await sharp(await appPhoto(120, 160)).webp().toBuffer();
    const truncatedPng = png.subarray(0, png.length - 40);
    const noIhdr = Buffer.concat([png.subarray(0, 8), png.subarray(33)]);
    const truncatedWebp = webp.subarray(0, webp.length - 40);
    const notVp8 = Buffer.concat([webp.subarray(0, 12), Buffer.from("JUNK"), webp.subarray(16)]);
    await refused([truncatedPng, noIhdr, truncatedWebp, notVp8], [0, 1, 2, 3].map((i) => ({ path: `photo.${i}`, code: "photo_undecodable" })));
  });

  it("over the size cap is refused from its header, at once, however cheap it is to send", async () => {
    // Issue 14: lossless WebPs of 4,898² in a few KB each held the submission line while decoded.
    const side = 4898;
    const webp = await sharp({ create: { width: side, height: side, channels: 3, background: "#7a7" } }).webp({ lossless: true }).toBuffer();
    expect(webp.length).toBeLessThan(64 * 1024);
    const started = performance.now();
    await refused(Array.from({ length: 5 }, () => webp), [0, 1, 2, 3, 4].map((i) => ({ path: `photo.${i}`, code: "photo_too_many_pixels" })));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("whose image data does not decode is unreadable, however valid its headers", async () => {
    const png = await sharp(await appPhoto(120, 160)).png().toBuffer();
    const idat = png.indexOf(Buffer.from("IDAT")) + 4;
    const garbage = Buffer.from(png);
    garbage.set(seededBytes(png.readUInt32BE(idat - 8), 21), idat);
    expect(await storedStates([garbage, png])).toEqual(["unreadable:no bytes", "ready:bytes"]);
  });
});

describe("the app's own photo", () => {
  it("books, and the photo stored from it decodes", async () => {
    const before = await stored();
    const answer = await bookWith([await appPhoto()]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(await stored()).not.toBe(before);

    const db = await server.db();
    const [row] = await db.select().from(appointments).where(eq(appointments.code, answer.body.appointment.code));
    while ((await reencodePendingPhotos(db, 8)) > 0);
    const [photo] = await db.select().from(photos).where(eq(photos.appointmentId, row.id));
    expect(photo.status).toBe("ready");
    // Decoded to the last pixel, failing on the least warning.
    const { info } = await sharp(photo.jpeg!, { failOn: "warning" }).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([480, 640]);
  });
});
