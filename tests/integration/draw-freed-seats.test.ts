/**
 * Seats left unconfirmed (or cancelled) after a day's draw go back to the next draw that can still
 * give them: the draw of the following day offers them, with their date, in the same publication.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appointmentEvents, appointments, slots } from "@/lib/server/db/schema";
import { verifyPublication } from "@/lib/draw/shared/verify";
import { ensureCommitment, freezeDraw, runDraw } from "@/lib/draw/server/run";
import { useTestServer } from "../support/api";
import { pretendNow } from "../support/clock";
import { application, traveler } from "../support/fixtures";
import { book, cancel, confirm, drawState, fetchAppointment } from "../support/requests";

const server = useTestServer();
const at = async (instant: string) => pretendNow(await server.db(), instant);

afterEach(() => {
  vi.useRealTimers();
});

async function request(portId: string, people: number, preferredDates: string[] = []) {
  const answer = await book(application({ portId, travelers: Array.from({ length: people }, () => traveler()), preferredDates }));
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  return { code: answer.body.appointment.code as string, secret: answer.body.secret as string };
}

async function row(code: string) {
  const [found] = await (await server.db()).select().from(appointments).where(eq(appointments.code, code));
  return found;
}

/** Leaves `free` seats in the day's first slot and none in the others; returns the day's slots. */
async function limitSeats(portId: string, date: string, free: number) {
  const db = await server.db();
  const day = await db.select().from(slots).where(and(eq(slots.portId, portId), eq(slots.date, date))).orderBy(asc(slots.startsAt));
  for (const [i, slot] of day.entries()) await db.update(slots).set({ booked: slot.capacity - (i === 0 ? free : 0) }).where(eq(slots.id, slot.id));
  return day;
}

const slotRow = async (id: string) => (await (await server.db()).select().from(slots).where(eq(slots.id, id)))[0];

describe("seats nobody confirmed", () => {
  it("go to a waiting request in the next day's draw, within capacity, and the publication verifies", async () => {
    const db = await server.db();
    const port = "hidalgo"; // America/Chicago, CST in February: window until 18:00, draw at 19:00
    const day = "2027-02-10"; // drawn 2027-02-08 at 19:00 CST (01:00Z the 9th)
    const nextDay = "2027-02-11"; // drawn 2027-02-09 at 19:00 CST; its window closes 2027-02-10T00:00Z
    await at("2027-02-08T15:00:00Z");
    await ensureCommitment(db, port, day, new Date());
    await ensureCommitment(db, port, nextDay, new Date());
    const [first] = await limitSeats(port, day, 2);
    await limitSeats(port, nextDay, 0); // the next day is full: only freed seats can be given
    // Two families of two for two seats: one wins the first draw, the other waits.
    const families = [await request(port, 2), await request(port, 2, [day, nextDay])];

    await at("2027-02-09T01:05:00Z");
    expect((await runDraw(db, port, day, new Date())).ran).toBe(true);
    const states = await Promise.all(families.map((f) => row(f.code)));
    const winner = families[states.findIndex((r) => r.status === "allocated")];
    const waiting = families[states.findIndex((r) => r.status === "not_selected")];
    expect(winner && waiting).toBeTruthy();
    // The deadline is 23 hours after the scheduled draw: exactly when the next window closes.
    expect((await row(winner.code)).confirmBy?.toISOString()).toBe("2027-02-10T00:00:00.000Z");
    expect((await slotRow(first.id)).booked).toBe(first.capacity);

    // The winner never confirms. At the next window's close the freeze ends that allocation first,
    // so its seats are frozen into the next draw, marked with their day.
    await at("2027-02-10T00:00:00Z");
    expect(await freezeDraw(db, port, nextDay, new Date())).toBe(true);
    expect((await row(winner.code)).status).toBe("expired");
    expect((await confirm(winner.code, winner.secret)).body.error.code).toBe("confirmation_window_closed");
    const frozen = await drawState(port, nextDay);
    expect(frozen.body.status).toBe("frozen");

    await at("2027-02-10T01:05:00Z");
    const outcome = await runDraw(db, port, nextDay, new Date());
    const publication = outcome.publication!;
    expect(publication.slots).toEqual([{ slotId: first.id, capacity: 2, date: day }]);
    expect(publication.result.seatsAllocated).toBe(2);
    expect(verifyPublication(JSON.parse(JSON.stringify(publication)), { entriesHash: frozen.body.entriesHash }).ok).toBe(true);
    const served = await drawState(port, nextDay);
    expect(verifyPublication(served.body, { commitment: frozen.body.commitment, entriesHash: frozen.body.entriesHash })).toEqual({
      ok: true,
      problems: [],
    });

    // The waiting family has the seats on the earlier day, to confirm before the slot begins.
    const seated = await row(waiting.code);
    expect(seated).toMatchObject({ status: "allocated", slotId: first.id });
    expect(seated.confirmBy?.getTime()).toBe((await slotRow(first.id)).startsAt.getTime());
    expect((await slotRow(first.id)).booked).toBe(first.capacity); // full again, never over
    const shown = await fetchAppointment(waiting.code, waiting.secret);
    expect(shown.body.appointment).toMatchObject({ status: "allocated", slot: { id: first.id } });
    expect((await confirm(waiting.code, waiting.secret)).body.status).toBe("confirmed");
    const events = await db.select().from(appointmentEvents).where(inArray(appointmentEvents.appointmentId, [seated.id]));
    expect(events.map((e) => e.status)).toEqual(["requested", "not_selected", "allocated", "confirmed"]);
  });

  it("seats freed by a cancellation too, even to someone who asked for another day when nobody else wants them", async () => {
    const db = await server.db();
    const port = "eagle-pass"; // America/Chicago as well
    const day = "2027-02-17";
    const nextDay = "2027-02-18";
    await at("2027-02-15T15:00:00Z");
    const [first] = await limitSeats(port, day, 1);
    await limitSeats(port, nextDay, 0);
    const single = await request(port, 1, [day]);
    const other = await request(port, 1, [nextDay]);

    await at("2027-02-16T01:05:00Z");
    await runDraw(db, port, day, new Date());
    expect((await row(single.code)).status).toBe("allocated"); // the only one who wants that day
    expect((await row(other.code)).status).toBe("not_selected");
    expect((await cancel(single.code, single.secret)).body.status).toBe("cancelled");
    expect((await slotRow(first.id)).booked).toBe(first.capacity - 1);

    await at("2027-02-17T01:05:00Z");
    const outcome = await runDraw(db, port, nextDay, new Date());
    expect(outcome.publication!.slots).toEqual([{ slotId: first.id, capacity: 1, date: day }]);
    // `other` asked only for the next day, which is full: the freed seat nobody else wants is theirs.
    expect(await row(other.code)).toMatchObject({ status: "allocated", slotId: first.id });
    expect((await slotRow(first.id)).booked).toBe(first.capacity);
    expect(verifyPublication(JSON.parse(JSON.stringify(outcome.publication))).ok).toBe(true);
  });

  it("are never offered by a later draw before that day's own draw has run", async () => {
    const db = await server.db();
    const port = "hidalgo";
    const day = "2027-02-24";
    const nextDay = "2027-02-25";
    await at("2027-02-22T15:00:00Z");
    await limitSeats(port, day, 3);
    await limitSeats(port, nextDay, 0);
    const waiting = await request(port, 1);
    // The app was down for the day's draw: the next day's window closes before it has run.
    await at("2027-02-24T00:00:00Z");
    expect(await freezeDraw(db, port, nextDay, new Date())).toBe(true);
    await at("2027-02-24T01:05:00Z");
    const outcome = await runDraw(db, port, nextDay, new Date());
    expect(outcome.publication!.slots).toEqual([]);
    expect((await row(waiting.code)).status).toBe("not_selected");
  });
});
