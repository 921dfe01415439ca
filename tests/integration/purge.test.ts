import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PUT as photoRoute } from "@/app/api/v1/appointments/[code]/travelers/[index]/photo/route";
import { reencodePendingPhotos, reencodeTakenPhoto, takePendingPhotos } from "@/lib/photos/server/pending";
import { openDatabase } from "@/lib/server/db/connection";
import { appointments, appointmentEvents, idempotencyKeys, photos, travelers, type AppointmentStatus } from "@/lib/server/db/schema";
import { idempotencyLookupKey } from "@/lib/scheduling/server/idempotency";
import { purgePersonalData } from "@/lib/scheduling/server/purge";
import { useTestServer } from "../support/api";
import { application, idempotencyKey, traveler } from "../support/fixtures";
import { book, cancel, someSlot } from "../support/requests";
import { appPhoto } from "../support/images";
import { DAY, HOUR, dayFrom, responseKept, storeAppointment, storedTraces, storeResponse } from "../support/retention";

const server = useTestServer();
const RETENTION_DAYS = 30;

afterEach(() => {
  vi.useRealTimers();
});

async function stored(code: string) {
  const db = await server.db();
  const [row] = await db.select().from(appointments).where(eq(appointments.code, code));
  const people = await db.select().from(travelers).where(eq(travelers.appointmentId, row.id));
  const pictures = await db.select().from(photos).where(eq(photos.appointmentId, row.id));
  const events = await db.select().from(appointmentEvents).where(eq(appointmentEvents.appointmentId, row.id));
  return { row, people, pictures, events };
}

async function storedResponse(key: string) {
  const db = await server.db();
  return db.select().from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, idempotencyLookupKey(key)));
}

describe("retention", () => {
  it("erases personal data 30 days after the appointment's day and after a cancellation, keeping anonymous counts", async () => {
    const soon = await someSlot("laredo", 2, 2);
    const kept = await someSlot("laredo", 1, 10);
    const keys = { past: idempotencyKey(), later: idempotencyKey(), cancelled: idempotencyKey() };
    const past = await book(application({ portId: "laredo", slotId: soon.id, travelers: [traveler(), traveler()] }), keys.past);
    const later = await book(application({ portId: "laredo", slotId: kept.id }), keys.later);
    const cancelled = await book(application({ portId: "laredo", slotId: kept.id }), keys.cancelled);
    await cancel(cancelled.body.appointment.code, cancelled.body.secret);
    const db = await server.db();
    for (const key of Object.values(keys)) expect(await storedResponse(key)).toHaveLength(1);

    // 31 days after the first appointment's day: it and the cancellation are due, the other is not.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(new Date(soon.start).getTime() + 31 * DAY) });
    const counts = await purgePersonalData(db, new Date(), RETENTION_DAYS);
    expect(counts.appointments).toBe(2);

    for (const code of [past.body.appointment.code, cancelled.body.appointment.code]) {
      const { row, people, pictures, events } = await stored(code);
      expect(people).toHaveLength(0);
      expect(pictures).toHaveLength(0);
      expect(row.contact).toBeNull();
      expect(row.eligibility).toEqual({ inside: true });
      expect(row.travelerCount).toBeGreaterThan(0);
      expect(events.length).toBeGreaterThan(0);
    }
    // The first responses (names and the bearer secret, sealed) went with them: all three were
    // stored over 30 days before this "now", so the one of the appointment still due goes too.
    expect(counts.idempotencyResponses).toBe(3);
    for (const key of Object.values(keys)) expect(await storedResponse(key)).toHaveLength(0);
    const untouched = await stored(later.body.appointment.code);
    expect(untouched.people).toHaveLength(1);
    expect(untouched.pictures).toHaveLength(1);
    expect(untouched.row.contact).not.toBeNull();

    expect((await purgePersonalData(db, new Date(), RETENTION_DAYS)).appointments).toBe(0);
  });

  it("keeps a request that was not selected: it still waits for the next draws until it expires", async () => {
    const db = await server.db();
    const waiting = await book(application({ portId: "eagle-pass" }));
    expect(waiting.status).toBe(202);
    const code = waiting.body.appointment.code;
    await db.update(appointments).set({ status: "not_selected", updatedAt: new Date(Date.now() - 40 * DAY) }).where(eq(appointments.code, code));

    await purgePersonalData(db, new Date(), RETENTION_DAYS);
    const { people, pictures, row } = await stored(code);
    expect(people).toHaveLength(1);
    expect(pictures).toHaveLength(1);
    expect(row.contact).not.toBeNull();
  });
});

describe("retention of photos sent again", () => {
  it("forgets a replaced photo, ready or still waiting for the worker, with the rest, and a worker's late result stores nothing", async () => {
    const db = await server.db();
    const slot = await someSlot("laredo", 2, 4);
    const booked = await book(application({ portId: "laredo", slotId: slot.id, travelers: [traveler(), traveler()] }));
    expect(booked.status).toBe(201);
    const { code } = booked.body.appointment;
    const put = (index: number, photo: Buffer) =>
      photoRoute(
        new Request(`http://localhost/api/v1/appointments/${code}/travelers/${index}/photo`, {
          method: "PUT",
          headers: { "content-type": "image/jpeg", authorization: `Bearer ${booked.body.secret}` },
          body: new Uint8Array(photo),
        }),
        { params: Promise.resolve({ code, index: String(index) }) },
      );
    // Traveler 0's new photo is re-encoded; traveler 1's waits, taken by a worker that is slow.
    expect((await put(0, await appPhoto())).status).toBe(200);
    while ((await reencodePendingPhotos(db, 8)) > 0);
    expect((await put(1, await appPhoto())).status).toBe(200);
    const [slow] = (await takePendingPhotos(db, 8)).filter((p) => p.position === 1);
    expect((await stored(code)).pictures.map((p) => [p.position, p.status, p.version]).sort()).toEqual([
      [0, "ready", 1],
      [1, "pending", 1],
    ]);

    vi.useFakeTimers({ toFake: ["Date"], now: new Date(new Date(slot.start).getTime() + 31 * DAY) });
    expect((await purgePersonalData(db, new Date(), RETENTION_DAYS)).appointments).toBe(1);
    vi.useRealTimers();
    expect((await stored(code)).pictures).toEqual([]);
    // The slow worker's result finds no photo to store itself in.
    expect(await reencodeTakenPhoto(db, slow)).toBe("replaced");
    // Nor does a new photo sent after the purge: the appointment has no travelers left.
    const late = await put(0, await appPhoto());
    expect([late.status, (await late.json()).error.code]).toEqual([404, "traveler_not_found"]);
    const { people, pictures } = await stored(code);
    expect([people.length, pictures.length]).toEqual([0, 0]);
  });
});

type Case = {
  name: string;
  status: AppointmentStatus;
  /** Days from now of the slot's day; null: no slot. */
  day: number | null;
  /** From now: when it was made (and its key stored), and when it took its status. */
  made: number;
  changed: number;
  due: boolean;
};

// One appointment per status and way of ending, each just past its retention or just short of it.
// Times are from "now"; RETENTION_DAYS = 30, so "due" is 30 days and an hour, "kept" 29 days.
const DUE = -(30 * DAY + HOUR);
const cases: Case[] = [
  { name: "confirmed, its day 31 days ago", status: "confirmed", day: -31, made: -40 * DAY, changed: -40 * DAY, due: true },
  { name: "confirmed, its day 29 days ago", status: "confirmed", day: -29, made: -40 * DAY, changed: -40 * DAY, due: false },
  { name: "checked in 31 days ago", status: "checked_in", day: -31, made: -40 * DAY, changed: -31 * DAY, due: true },
  { name: "checked in 29 days ago", status: "checked_in", day: -29, made: -29 * DAY - 2 * HOUR, changed: -29 * DAY, due: false },
  { name: "allocated, its day 31 days ago", status: "allocated", day: -31, made: -35 * DAY, changed: -33 * DAY, due: true },
  { name: "allocated, its day ahead", status: "allocated", day: 3, made: -2 * DAY, changed: -HOUR, due: false },
  { name: "cancelled 30 days and an hour ago, its day later", status: "cancelled", day: -25, made: -31 * DAY, changed: DUE, due: true },
  { name: "cancelled while waiting for a draw, 30 days and an hour ago", status: "cancelled", day: null, made: -31 * DAY, changed: DUE, due: true },
  { name: "cancelled 29 days ago", status: "cancelled", day: -20, made: -29 * DAY - 2 * HOUR, changed: -29 * DAY, due: false },
  { name: "cancelled while waiting, 29 days ago", status: "cancelled", day: null, made: -29 * DAY - 2 * HOUR, changed: -29 * DAY, due: false },
  { name: "expired request (no slot), 30 days and an hour ago", status: "expired", day: null, made: -61 * DAY, changed: DUE, due: true },
  { name: "expired request (no slot), 29 days ago", status: "expired", day: null, made: -59 * DAY, changed: -29 * DAY, due: false },
  { name: "lapsed allocation, expired 30 days and an hour ago, its day 28 days ago", status: "expired", day: -28, made: -33 * DAY, changed: DUE, due: true },
  { name: "lapsed allocation, expired 29 days ago", status: "expired", day: -27, made: -29 * DAY - 2 * HOUR, changed: -29 * DAY, due: false },
  { name: "requested 40 days ago, still waiting", status: "requested", day: null, made: -40 * DAY, changed: -40 * DAY, due: false },
  { name: "not selected, still waiting after 40 days", status: "not_selected", day: null, made: -40 * DAY, changed: -2 * DAY, due: false },
];

describe("retention, status by status and table by table", () => {
  it("erases every personal trace of each appointment past its retention and nothing of the others", async () => {
    const db = await server.db();
    const now = new Date();
    const at = (offset: number) => new Date(now.getTime() + offset);
    const made = await Promise.all(
      cases.map(async (c) => ({
        ...c,
        ...(await storeAppointment(db, { status: c.status, slotDate: c.day === null ? null : dayFrom(now, c.day), madeAt: at(c.made), changedAt: at(c.changed) })),
      })),
    );
    const before = new Map(await Promise.all(made.map(async (m) => [m.id, await storedTraces(db, m.id)] as const)));
    const looseKeys = { due: await storeResponse(db, at(DUE)), kept: await storeResponse(db, at(-29 * DAY)) };

    const counts = await purgePersonalData(db, now, RETENTION_DAYS);

    for (const m of made) {
      const was = before.get(m.id)!;
      const is = await storedTraces(db, m.id);
      const what = `${m.name}: ${m.due ? "erased" : "kept"}`;
      if (m.due) {
        expect(is.row.contact, what).toBeNull();
        expect(is.row.eligibility, what).toEqual({ inside: true });
        expect(is.travelers, what).toEqual([]);
        expect(is.photos, what).toEqual([]);
      } else {
        expect(is.row.contact, what).toEqual(was.row.contact);
        expect(is.row.eligibility, what).toEqual(was.row.eligibility);
        expect(is.travelers, what).toEqual(was.travelers);
        expect(is.photos.map((p) => p.status).sort(), what).toEqual(["pending", "ready", "unreadable"]);
        expect(is.photos, what).toEqual(was.photos);
      }
      // A stored response goes by its own age: made over 30 days ago, gone whatever the status.
      expect(await responseKept(db, m.keyHash), `${m.name}: its stored response`).toBe(m.made > DUE);
      // What stays is anonymous, for statistics: status, port, slot and day, party size, language,
      // history; the code, the secret's hash and the token (no names in it) open nothing personal.
      const anonymous = (t: typeof is) => ({
        ...t.row,
        contact: undefined,
        eligibility: undefined,
        events: t.events,
      });
      expect(anonymous(is), what).toEqual(anonymous(was));
    }
    expect(counts.appointments).toBe(cases.filter((c) => c.due).length);
    expect(await responseKept(db, looseKeys.due)).toBe(false);
    expect(await responseKept(db, looseKeys.kept)).toBe(true);
    expect(counts.idempotencyResponses).toBe(cases.filter((c) => c.made <= DUE).length + 1);

    // Nothing is left to erase: a second run finds nothing.
    expect(await purgePersonalData(db, now, RETENTION_DAYS)).toEqual({ appointments: 0, idempotencyResponses: 0 });
  });

  it("finds an appointment again while anything personal is left on it", async () => {
    const db = await server.db();
    const now = new Date();
    // What a purge interrupted half-way (or a bug) could leave: each must be found and erased.
    const leftovers = [
      { contact: null, eligibility: { inside: true } }, // travelers and photos left
      { contact: { phone: "+52 664 555 0199" }, eligibility: { inside: true } },
      { contact: null, eligibility: { inside: true, latitude: 32.5, longitude: -117, capturedAt: now.toISOString() } },
    ];
    const ids: string[] = [];
    for (const [i, leftover] of leftovers.entries()) {
      const { id } = await storeAppointment(db, { status: "expired", slotDate: null, madeAt: new Date(now.getTime() - 61 * DAY), changedAt: new Date(now.getTime() + DUE) });
      if (i > 0) {
        await db.delete(photos).where(eq(photos.appointmentId, id));
        await db.delete(travelers).where(eq(travelers.appointmentId, id));
      }
      await db.execute(
        sql`UPDATE appointments SET contact = ${leftover.contact && JSON.stringify(leftover.contact)}::jsonb, eligibility = ${JSON.stringify(leftover.eligibility)}::jsonb
            WHERE id = ${id}`,
      );
      ids.push(id);
    }
    expect((await purgePersonalData(db, now, RETENTION_DAYS)).appointments).toBe(leftovers.length);
    for (const id of ids) {
      const is = await storedTraces(db, id);
      expect([is.row.contact, is.row.eligibility, is.travelers.length, is.photos.length]).toEqual([null, { inside: true }, 0, 0]);
    }
  });
});

// PGlite runs one transaction at a time: two purges there take turns and no other session can
// hold a row, so the races below can only happen, and be seen, on PostgreSQL. Run them with
// DATABASE_URL set (or a PostgreSQL at the default address, see vitest.config.mts).
const NEEDS_POSTGRES = "needs PostgreSQL (DATABASE_URL): PGlite runs one transaction at a time, so purges cannot race there";

describe("several instances purging at once (PostgreSQL)", () => {
  async function dueAppointments(count: number) {
    const db = await server.db();
    const now = new Date();
    const list = [];
    for (let i = 0; i < count; i++) {
      list.push(await storeAppointment(db, { status: "cancelled", slotDate: null, madeAt: new Date(now.getTime() - 31 * DAY), changedAt: new Date(now.getTime() + DUE) }));
    }
    return list;
  }

  it("two instances erase every due appointment exactly once between them, without deadlock", async (ctx) => {
    const url = server.url();
    ctx.skip(!url, NEEDS_POSTGRES);
    const due = await dueAppointments(40);
    const instances = await Promise.all([1, 2].map(() => openDatabase({ url: url!, dataDir: "", poolSize: 2 })));
    try {
      const now = new Date();
      const [a, b] = await Promise.all(instances.map((instance) => purgePersonalData(instance.db, now, RETENTION_DAYS)));
      expect(a.appointments + b.appointments).toBe(due.length);
      const db = await server.db();
      for (const { id } of due) {
        const is = await storedTraces(db, id);
        expect([is.row.contact, is.travelers.length, is.photos.length]).toEqual([null, 0, 0]);
      }
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });

  it("a purge skips an appointment another instance holds instead of waiting, and a later run erases it", async (ctx) => {
    const url = server.url();
    ctx.skip(!url, NEEDS_POSTGRES);
    const [held, free] = await dueAppointments(2);
    const db = await server.db();
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    let purge: Promise<unknown> | undefined;
    try {
      await other.query("BEGIN");
      await other.query("SELECT id FROM appointments WHERE id = $1 FOR UPDATE", [held.id]);
      purge = purgePersonalData(db, new Date(), RETENTION_DAYS);
      const waited = new Promise((resolve) => setTimeout(resolve, 5000, "waited"));
      expect(await Promise.race([purge, waited])).toMatchObject({ appointments: 1 });
      expect((await storedTraces(db, free.id)).travelers).toHaveLength(0);
      expect((await storedTraces(db, held.id)).travelers).toHaveLength(3);
    } finally {
      await other.query("ROLLBACK");
      await other.end();
      await purge;
    }
    expect((await purgePersonalData(db, new Date(), RETENTION_DAYS)).appointments).toBe(1);
    expect((await storedTraces(db, held.id)).travelers).toHaveLength(0);
  });
});
