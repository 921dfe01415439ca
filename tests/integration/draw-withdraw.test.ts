/**
 * Leaving the draw: the contract's DELETE on a `requested` entry. It ends the entry, frees its
 * people to ask again, takes no seats back that it never held, and the draw no longer sees it.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appointments, slots, travelers } from "@/lib/server/db/schema";
import { runDraw } from "@/lib/draw/server/run";
import { useTestServer } from "../support/api";
import { pretendNow } from "../support/clock";
import { application, traveler } from "../support/fixtures";
import { book, cancel, fetchAppointment } from "../support/requests";

const server = useTestServer();

const at = async (instant: string) => pretendNow(await server.db(), instant);

afterEach(() => {
  vi.useRealTimers();
});

const bookedSeats = async (portId: string) =>
  (await (await server.db()).select().from(slots).where(eq(slots.portId, portId))).reduce((sum, s) => sum + s.booked, 0);

describe("leaving the draw", () => {
  it("says a request's deadline should it win; withdrawing ends it, frees the person and leaves the draw without it", async () => {
    const db = await server.db();
    await at("2027-02-01T15:00:00Z"); // 09:00 in Eagle Pass (CST): the draw of 2027-02-03, tonight at 19:00
    const person = traveler();
    const first = await book(application({ portId: "eagle-pass", travelers: [person] }));
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const { code } = first.body.appointment;
    const secret = first.body.secret as string;
    // A place won tonight must be confirmed within CONFIRM_WINDOW_HOURS (23) of the draw.
    expect(first.body.appointment).toMatchObject({ drawAt: "2027-02-01T19:00:00-06:00", confirmByIfChosen: "2027-02-02T18:00:00-06:00" });
    expect((await fetchAppointment(code, secret)).body.appointment.confirmByIfChosen).toBe("2027-02-02T18:00:00-06:00");
    const other = await book(application({ portId: "eagle-pass" }));
    expect(other.status).toBe(202);
    const seats = await bookedSeats("eagle-pass");

    const left = await cancel(code, secret);
    expect(left.status).toBe(200);
    expect(left.body.appointment).toMatchObject({ code, status: "cancelled" });
    expect(left.body.appointment.slot).toBeUndefined();
    expect(left.body.appointment.confirmByIfChosen).toBeUndefined();
    expect((await cancel(code, secret)).body.appointment.status).toBe("cancelled");
    expect(await bookedSeats("eagle-pass")).toBe(seats);
    const [stored] = await db.select().from(appointments).where(eq(appointments.code, code));
    expect(stored.slotId).toBeNull();
    const people = await db.select().from(travelers).where(eq(travelers.appointmentId, stored.id));
    expect(people.every((p) => !p.active)).toBe(true);

    // The same person may ask again at once.
    const again = await book(application({ portId: "eagle-pass", travelers: [person] }));
    expect(again.status, JSON.stringify(again.body)).toBe(202);

    // The draw sees the two live requests, gives them seats, and not the one withdrawn.
    await at("2027-02-02T01:05:00Z");
    const outcome = await runDraw(db, "eagle-pass", "2027-02-03", new Date());
    expect(outcome.ran).toBe(true);
    expect(outcome.publication!.entries).toHaveLength(2);
    expect((await fetchAppointment(code, secret)).body.appointment.status).toBe("cancelled");
    expect((await fetchAppointment(again.body.appointment.code, again.body.secret)).body.appointment.status).toBe("allocated");
  });
});
