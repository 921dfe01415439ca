import { and, asc, eq, inArray } from "drizzle-orm";
import { decodeJwt } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/lib/server/db/connection";
import { appointmentEvents, appointments, draws, slots, travelers } from "@/lib/server/db/schema";
import { verifyPublication } from "@/lib/draw/shared/verify";
import { drawTick, ensureCommitment, expireStale, freezeDraw, runDraw } from "@/lib/draw/server/run";
import { useTestServer } from "../support/api";
import { pretendNow } from "../support/clock";
import { application, idempotencyKey, traveler } from "../support/fixtures";
import { book, cancel, confirm, drawState, fetchAppointment, reschedule } from "../support/requests";

const server = useTestServer();

const at = async (instant: string) => pretendNow(await server.db(), instant);

afterEach(() => {
  vi.useRealTimers();
});

async function request(portId: string, people = 1, extra: Record<string, unknown> = {}) {
  const travelersList = Array.from({ length: people }, () => traveler());
  const answer = await book(application({ portId, travelers: travelersList, ...extra }));
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  return { code: answer.body.appointment.code as string, secret: answer.body.secret as string, travelers: travelersList };
}

async function row(code: string) {
  const [found] = await (await server.db()).select().from(appointments).where(eq(appointments.code, code));
  return found;
}

/** Leaves only `free` seats in each of the day's first slots (and none in the others). */
async function limitSeats(portId: string, date: string, free: number[]) {
  const db = await server.db();
  const day = await db.select().from(slots).where(and(eq(slots.portId, portId), eq(slots.date, date))).orderBy(asc(slots.startsAt));
  for (const [i, slot] of day.entries()) {
    await db.update(slots).set({ booked: slot.capacity - (free[i] ?? 0) }).where(eq(slots.id, slot.id));
  }
  return day.slice(0, free.length).map((s) => s.id);
}

async function slotRows(ids: string[]) {
  return (await server.db()).select().from(slots).where(inArray(slots.id, ids));
}

describe("requesting a draw port", () => {
  it("answers 202 requested with the draw it enters, replays it, and moves late requests to the next draw", async () => {
    await at("2027-02-01T15:00:00Z"); // 09:00 in Eagle Pass (CST)
    const key = idempotencyKey();
    const body = application({ portId: "eagle-pass", preferredDates: ["2027-02-03", "2027-02-04"] });
    const first = await book(body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body.appointment).toMatchObject({ status: "requested", portId: "eagle-pass", drawAt: "2027-02-01T19:00:00-06:00" });
    expect(first.body.appointment.slot).toBeUndefined();
    const again = await book(body, key);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    const read = await fetchAppointment(first.body.appointment.code, first.body.secret);
    expect(read.body.appointment).toEqual(first.body.appointment);
    const stored = await row(first.body.appointment.code);
    expect(stored.preferredDates).toEqual(["2027-02-03", "2027-02-04"]);
    expect(stored.waitingSince?.toISOString()).toBe("2027-02-01T15:00:00.000Z");

    await at("2027-02-02T00:30:00Z"); // 18:30, after the window closed
    const late = await book(application({ portId: "eagle-pass" }));
    expect(late.status).toBe(202);
    expect(late.body.appointment.drawAt).toBe("2027-02-02T19:00:00-06:00");
  });

  it("refuses a slot id and preferred dates outside the booking window", async () => {
    await at("2027-02-01T15:00:00Z");
    const withSlot = await book(application({ portId: "hidalgo", slotId: "hidalgo-20270203-0800" }));
    expect(withSlot.status).toBe(422);
    expect(withSlot.body.error.issues).toEqual([expect.objectContaining({ path: "slotId", code: "slot_not_applicable" })]);
    const tooFar = await book(application({ portId: "hidalgo", preferredDates: ["2027-02-03", "2027-04-01"] }));
    expect(tooFar.status).toBe(422);
    expect(tooFar.body.error.issues[0].path).toBe("preferredDates.1");
    expect((await book(application({ portId: "eagle-pass", travelers: [traveler()] }))).status).toBe(202);
  });
});

describe("a day's draw", () => {
  it("publishes a commitment, freezes the entries, draws within capacity and keeps the rest waiting", async () => {
    const db = await server.db();
    const port = "hidalgo";
    const date = "2027-03-02"; // drawn two days before: window until 2027-02-28 18:00 CST, draw at 19:00
    await at("2027-02-28T15:00:00Z");
    const slotIds = await limitSeats(port, date, [3, 3]);
    await ensureCommitment(db, port, date, new Date());
    const open = await drawState(port, date);
    expect(open.status).toBe(200);
    expect(open.body).toEqual({ portId: port, date, status: "open", commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await drawState(port, "2027-03-20")).body.error.code).toBe("draw_not_found");
    expect((await drawState("laredo", date)).body.error.code).toBe("draw_not_found");
    expect((await drawState("atlantis", date)).body.error.code).toBe("port_not_found");

    // 15 seats asked for 6; one person in two requests (the older one's index flag cleared so the
    // second can be stored: the draw must still see them as one).
    const sizes = [3, 2, 2, 1, 1, 3, 2, 1];
    const requests = [];
    for (const size of sizes) {
      requests.push(await request(port, size));
      vi.setSystemTime(new Date(Date.now() + 60_000));
    }
    const shared = requests[3].travelers[0];
    const older = await row(requests[3].code);
    await db.update(travelers).set({ active: false }).where(eq(travelers.appointmentId, older.id));
    const duplicate = await request(port, 2, { travelers: [shared, traveler()] });
    requests.push({ ...duplicate, travelers: [shared] });

    await at("2027-03-01T00:30:00Z"); // 18:30: window closed
    const late = await request(port, 1);
    expect(await freezeDraw(db, port, date, new Date())).toBe(true);
    const frozen = await drawState(port, date);
    expect(frozen.body).toMatchObject({ status: "frozen", commitment: open.body.commitment, entriesHash: expect.any(String) });
    expect(frozen.body.seed).toBeUndefined();

    await at("2027-03-01T01:05:00Z");
    const outcome = await runDraw(db, port, date, new Date());
    expect(outcome.ran).toBe(true);
    expect((await runDraw(db, port, date, new Date())).ran).toBe(false);

    const publication = outcome.publication!;
    expect(publication.entries).toHaveLength(requests.length);
    expect(publication.result.excludedDuplicates).toHaveLength(1);
    expect(verifyPublication(publication, { commitment: open.body.commitment, entriesHash: frozen.body.entriesHash })).toEqual({
      ok: true,
      problems: [],
    });

    // Capacity never exceeded, groups whole, one slot each.
    const after = await slotRows(slotIds);
    for (const slot of after) expect(slot.booked).toBeLessThanOrEqual(slot.capacity);
    const rows = await Promise.all(requests.map((r) => row(r.code)));
    const allocated = rows.filter((r) => r.status === "allocated");
    expect(allocated.length).toBe(publication.result.allocations.length);
    for (const slot of after) {
      const seated = allocated.filter((r) => r.slotId === slot.id).reduce((sum, r) => sum + r.travelerCount, 0);
      expect(slot.booked - (slot.capacity - 3)).toBe(seated);
    }
    expect(allocated.reduce((sum, r) => sum + r.travelerCount, 0)).toBe(publication.result.seatsAllocated);
    for (const r of allocated) {
      expect(r.confirmBy?.toISOString()).toBe("2027-03-02T00:00:00.000Z"); // 23 hours after the scheduled draw time
    }
    for (const r of rows.filter((r) => r.status !== "allocated")) {
      expect(r.status).toBe("not_selected");
      expect(r.waitingSince!.getTime()).toBeLessThan(Date.parse("2027-03-01T00:00:00Z"));
    }
    expect((await row(duplicate.code)).status).toBe("not_selected");
    expect((await row(late.code)).status).toBe("requested");

    // The API shows an allocated appointment with its slot and deadline.
    const winner = requests[rows.indexOf(allocated[0])];
    const shown = await fetchAppointment(winner.code, winner.secret);
    expect(shown.body.appointment).toMatchObject({ status: "allocated", confirmBy: "2027-03-01T18:00:00-06:00", slot: { id: allocated[0].slotId } });

    // The publication: served in full once drawn, passes verification; a tampered copy fails.
    const drawn = await drawState(port, date);
    expect(drawn.body.status).toBe("drawn");
    expect(drawn.body.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyPublication(drawn.body, { commitment: open.body.commitment, entriesHash: frozen.body.entriesHash }).ok).toBe(true);
    const tampered = structuredClone(drawn.body);
    tampered.result.allocations[0].entryId = tampered.result.notSelected[0];
    expect(verifyPublication(tampered).ok).toBe(false);
    const reseeded = { ...structuredClone(drawn.body), seed: "0".repeat(64) };
    expect(verifyPublication(reseeded).ok).toBe(false);

    // Those not selected enter the next day's draw with their waiting time, with the late request.
    const next = "2027-03-03";
    await at("2027-03-02T01:05:00Z");
    await limitSeats(port, next, [1]); // one seat: most lose again
    const nextOutcome = await runDraw(db, port, next, new Date());
    const waiting = rows.filter((r) => r.status === "not_selected");
    expect(nextOutcome.publication!.entries).toHaveLength(waiting.length + 1);
    const since = nextOutcome.publication!.entries.map((e) => e.waitingSince).sort();
    expect(since).toEqual([...waiting.map((r) => r.waitingSince!.toISOString()), (await row(late.code)).waitingSince!.toISOString()].sort());
    // Losing again is no change of status: one not_selected event, the entry of the latest draw.
    const now = await Promise.all(waiting.map((r) => row(r.code)));
    const loser = now.find((r) => r.status === "not_selected")!;
    const loserEvents = await db.select().from(appointmentEvents).where(eq(appointmentEvents.appointmentId, loser.id));
    expect(loserEvents.map((e) => e.status)).toEqual(["requested", "not_selected"]);
    const nextResult = nextOutcome.publication!.result;
    expect([...nextResult.notSelected, ...nextResult.excludedDuplicates.map((d) => d.entryId)]).toContain(loser.drawEntryId);

    // A request not selected can still be cancelled, which ends its place in the draws.
    const leaving = requests[rows.findIndex((r) => r.status === "not_selected")];
    expect((await cancel(leaving.code, leaving.secret)).body.status).toBe("cancelled");
    const leavingPeople = await db.select().from(travelers).where(eq(travelers.appointmentId, (await row(leaving.code)).id));
    expect(leavingPeople.every((t) => !t.active)).toBe(true);

    // Every change is recorded with its time.
    const events = await db.select().from(appointmentEvents).where(eq(appointmentEvents.appointmentId, allocated[0].id));
    // It was never confirmed: the next draw's freeze (after the deadline) ended it, seats freed.
    expect(events.map((e) => e.status)).toEqual(["requested", "allocated", "expired"]);
  });
});

describe("confirming and expiry", () => {
  /** Requests at Eagle Pass on a quiet day and draws them; everyone gets seats. */
  async function allocatedAppointments(date: string, count: number) {
    const db = await server.db();
    const day = (n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    await at(`${day(2)}T15:00:00Z`); // the draw is held two days before
    await ensureCommitment(db, "eagle-pass", date, new Date());
    const made = [];
    for (let i = 0; i < count; i++) made.push(await request("eagle-pass", 2, { preferredDates: [date] }));
    await at(`${day(1)}T01:05:00Z`);
    // Earlier requests of this file wait too; they are drawn with these.
    await runDraw(db, "eagle-pass", date, new Date());
    for (const r of made) expect((await row(r.code)).status).toBe("allocated");
    return made;
  }

  it("confirms before the deadline (twice is fine), refuses after it, and expiry frees the seats", async () => {
    const db = await server.db();
    const [early, late, other, cancelled] = await allocatedAppointments("2027-04-06", 4);
    const ok = await confirm(early.code, early.secret);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe("confirmed");
    expect(ok.body.appointment.slot.start).toMatch(/^2027-04-06T/);
    expect(decodeJwt(ok.body.appointment.token)).toMatchObject({ sub: early.code, slot: ok.body.appointment.slot.id, n: 2 });
    expect((await confirm(early.code, early.secret)).status).toBe(200);
    // Seats at a draw port come from the draw only: no moving to another slot.
    const moved = await reschedule(early.code, early.secret, { slotId: ok.body.appointment.slot.id.replace(/-\d{4}$/, "-1500") });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe("appointment_not_modifiable");
    expect((await confirm(early.code, "wrong")).status).toBe(404);
    const denver = { latitude: 39.7, longitude: -104.9, capturedAt: new Date().toISOString() };
    expect((await confirm(other.code, other.secret, { location: denver })).body.error.code).toBe("outside_eligible_area");
    expect((await row(other.code)).status).toBe("allocated");

    // Cancelling an allocated appointment frees its seats at once.
    const cancelledRow = await row(cancelled.code);
    const [before] = await slotRows([cancelledRow.slotId!]);
    expect((await cancel(cancelled.code, cancelled.secret)).body.status).toBe("cancelled");
    const [freed] = await slotRows([cancelledRow.slotId!]);
    expect(freed.booked).toBe(before.booked - 2);

    // After the deadline (23 hours after the draw), before and after the expiry ran.
    const lateRow = await row(late.code);
    vi.setSystemTime(new Date(lateRow.confirmBy!.getTime() + 1000));
    const refused = await confirm(late.code, late.secret);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("confirmation_window_closed");
    const [held] = await slotRows([lateRow.slotId!]);
    expect(await expireStale(db, new Date())).toBeGreaterThanOrEqual(1);
    expect((await row(late.code)).status).toBe("expired");
    const [released] = await slotRows([lateRow.slotId!]);
    const otherRow = await row(other.code);
    expect(otherRow.status).toBe("expired"); // same deadline
    expect(released.booked).toBe(held.booked - 2 - (otherRow.slotId === lateRow.slotId ? 2 : 0));
    expect((await confirm(late.code, late.secret)).body.error.code).toBe("confirmation_window_closed");
    expect((await row(early.code)).status).toBe("confirmed");
    const lateTravelers = await db.select().from(travelers).where(eq(travelers.appointmentId, lateRow.id));
    expect(lateTravelers.every((t) => !t.active)).toBe(true);
  });

  it("a confirmation racing the deadline either wins whole or finds the window closed", async () => {
    const db = await server.db();
    const made = await allocatedAppointments("2027-04-13", 3);
    const rows = await Promise.all(made.map((r) => row(r.code)));
    const deadline = rows[0].confirmBy!;
    vi.setSystemTime(new Date(deadline.getTime() - 5)); // the confirmations' clock: just in time
    const [answers] = await Promise.all([
      Promise.all(made.map((r) => confirm(r.code, r.secret))),
      expireStale(db, new Date(deadline.getTime() + 5)), // the expiry's clock: just past
    ]);
    for (const [i, answer] of answers.entries()) {
      const now = await row(made[i].code);
      const [slot] = await slotRows([rows[i].slotId!]);
      expect(slot.booked).toBeLessThanOrEqual(slot.capacity);
      if (answer.status === 200) {
        expect(now.status).toBe("confirmed");
      } else {
        expect(answer.body.error.code).toBe("confirmation_window_closed");
        expect(now.status).toBe("expired");
      }
    }
    // No appointment is both confirmed and counted as expired.
    const events = await db.select().from(appointmentEvents).where(inArray(appointmentEvents.appointmentId, rows.map((r) => r.id)));
    for (const r of rows) {
      const statuses = events.filter((e) => e.appointmentId === r.id).map((e) => e.status);
      expect(statuses.filter((s) => s === "confirmed" || s === "expired")).toHaveLength(1);
    }
  });

  it("requests waiting longer than the expiry period expire and their people may ask again", async () => {
    const db = await server.db();
    await at("2027-05-01T15:00:00Z");
    const person = traveler();
    const old = await request("eagle-pass", 1, { travelers: [person] });
    expect((await book(application({ portId: "eagle-pass", travelers: [person] }))).status).toBe(409);
    vi.setSystemTime(new Date("2027-06-01T15:00:00Z"));
    await expireStale(db, new Date());
    expect((await row(old.code)).status).toBe("expired");
    expect((await fetchAppointment(old.code, old.secret)).body.appointment.status).toBe("expired");
    expect((await book(application({ portId: "eagle-pass", travelers: [person] }))).status).toBe(202);
  });
});

describe("several runners", () => {
  it("runs each draw exactly once when several clients run it at the same time", async () => {
    const db = await server.db();
    const port = "hidalgo";
    const date = "2027-05-12";
    await at("2027-05-10T15:00:00Z");
    const slotIds = await limitSeats(port, date, [4]);
    for (let i = 0; i < 5; i++) await request(port, 1, { preferredDates: [date] });
    await at("2027-05-11T00:05:00Z");
    const url = server.url();
    const clients = url ? await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url, dataDir: "", poolSize: 2 }))) : [];
    try {
      const runners = url ? clients.map((c) => c.db) : [db, db, db, db];
      const now = new Date("2027-05-11T01:00:00Z");
      const outcomes = await Promise.all(runners.map((runner) => runDraw(runner, port, date, now)));
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
      const [drawRow] = await db.select().from(draws).where(and(eq(draws.portId, port), eq(draws.date, date)));
      expect(drawRow.status).toBe("drawn");
      const winner = outcomes.find((o) => o.ran)!.publication!;
      expect(drawRow.publication).toEqual(JSON.parse(JSON.stringify(winner)));
      const [slot] = await slotRows(slotIds);
      expect(slot.booked).toBe(slot.capacity);
      const allocatedEvents = await db
        .select()
        .from(appointmentEvents)
        .where(and(eq(appointmentEvents.status, "allocated"), inArray(appointmentEvents.slotId, slotIds)));
      expect(allocatedEvents).toHaveLength(winner.result.allocations.length);
      expect(winner.result.seatsAllocated).toBe(4);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});

describe("the ticker", () => {
  it("commits before the window closes, freezes at close, draws at draw time, once", async () => {
    const db = await server.db();
    const port = "eagle-pass";
    const date = "2027-07-02"; // CDT (-05:00), held 2027-06-30: window closes 23:00Z, draw at 2027-07-01T00:00Z
    await at("2027-06-30T14:00:00Z");
    await drawTick(db, new Date());
    const open = await drawState(port, date);
    expect(open.body.status).toBe("open");
    expect((await drawState(port, "2027-07-03")).body.status).toBe("open");
    const entry = await request(port, 1, { preferredDates: [date] });
    expect((await fetchAppointment(entry.code, entry.secret)).body.appointment.drawAt).toBe("2027-06-30T19:00:00-05:00");

    await at("2027-06-30T23:30:00Z");
    expect((await drawTick(db, new Date())).drawn).toEqual([]);
    expect((await drawState(port, date)).body).toMatchObject({ status: "frozen", commitment: open.body.commitment });

    await at("2027-07-01T00:01:00Z");
    expect((await drawTick(db, new Date())).drawn).toEqual([`${port}/${date}`, `hidalgo/${date}`]);
    expect((await drawTick(db, new Date())).drawn).toEqual([]);
    const drawn = await drawState(port, date);
    expect(verifyPublication(drawn.body, { commitment: open.body.commitment }).ok).toBe(true);
    expect((await row(entry.code)).status).toBe("allocated");
  });
});
