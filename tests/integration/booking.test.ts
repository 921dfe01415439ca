import { decodeJwt, decodeProtectedHeader } from "jose";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as portsRoute } from "@/app/api/v1/ports/route";
import { GET as keysRoute } from "@/app/api/v1/keys/route";
import { rows } from "@/lib/server/db/connection";
import { appointments, photos, slots, travelers } from "@/lib/server/db/schema";
import { useTestServer } from "../support/api";
import { application, traveler } from "../support/fixtures";
import { availability, book, cancel, fetchAppointment, reschedule, someSlot } from "../support/requests";

const server = useTestServer();

async function seatsLeft(slotId: string) {
  const [row] = await (await server.db()).select().from(slots).where(eq(slots.id, slotId));
  return row.capacity - row.booked;
}

describe("GET /api/v1/ports", () => {
  it("lists the 8 reference ports with their time zones and modes", async () => {
    const response = await portsRoute(new Request("http://localhost/api/v1/ports"), {});
    const { ports } = await response.json();
    expect(ports).toHaveLength(8);
    expect(ports.find((p: { id: string }) => p.id === "el-paso")).toMatchObject({
      name: "El Paso",
      state: "TX",
      timeZone: "America/Denver",
      mode: "first-come",
    });
    expect(ports.find((p: { id: string }) => p.id === "nogales").timeZone).toBe("America/Phoenix");
  });
});

describe("booking a first-come slot", () => {
  it("says where the server's time went (rate limit, body read, wait for the line, decision) and nothing else", async () => {
    const slot = await someSlot("san-ysidro", 1);
    const booked = await book(application({ slotId: slot.id }));
    expect(booked.status).toBe(201);
    const timing = booked.headers.get("server-timing") ?? "";
    expect(timing).toMatch(/^limit;dur=\d+\.\d, read;dur=\d+\.\d, line;dur=\d+\.\d, decide;dur=\d+\.\d$/);
    // The decision includes the database's write: it cannot take no time at all.
    expect(Number(/decide;dur=([\d.]+)/.exec(timing)![1])).toBeGreaterThan(0);
  });

  it("stores what was sent, an absent contact or document as SQL NULL (not JSON null)", async () => {
    const slot = await someSlot("san-ysidro", 2);
    const passport = { type: "passport", number: "X1234567", country: "HND" };
    const withDocument = traveler({ document: passport });
    const booked = await book(application({ slotId: slot.id, contact: undefined, travelers: [traveler({ preferredLanguage: undefined }), withDocument] }));
    expect(booked.status).toBe(201);
    const db = await server.db();
    const [row] = await db.select().from(appointments).where(eq(appointments.code, booked.body.appointment.code));
    expect(row).toMatchObject({ status: "confirmed", slotId: slot.id, travelerCount: 2, contact: null, preferredDates: null, waitingSince: null });
    const [kinds] = await rows<{ contact: string | null; preferred: string | null }>(
      db,
      sql`SELECT jsonb_typeof(contact) AS contact, jsonb_typeof(preferred_dates) AS preferred FROM appointments WHERE id = ${row.id} AND contact IS NULL`,
    );
    expect(kinds).toEqual({ contact: null, preferred: null });
    const people = await db.select().from(travelers).where(eq(travelers.appointmentId, row.id)).orderBy(travelers.position);
    expect(people.map((p) => [p.position, p.document, p.preferredLanguage, p.active])).toEqual([
      [0, null, null, true],
      [1, passport, "es", true],
    ]);
    const stored = await db.select().from(photos).where(eq(photos.appointmentId, row.id)).orderBy(photos.position);
    expect(stored.map((p) => [p.position, p.status])).toEqual([
      [0, "pending"],
      [1, "pending"],
    ]);
  });

  it("confirms a family in one slot, readable afterwards with the secret only", async () => {
    const slot = await someSlot("san-ysidro", 3);
    const family = [traveler(), traveler({ sex: "M", dateOfBirth: "2015-01-31" }), traveler({ givenNames: "", familyNames: "Ndiaye" })];
    const booked = await book(application({ slotId: slot.id, travelers: family }));

    expect(booked.status).toBe(201);
    const { appointment, secret } = booked.body;
    expect(appointment).toMatchObject({ status: "confirmed", portId: "san-ysidro", slot: { start: slot.start, end: slot.end } });
    expect(appointment.code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(appointment.travelers).toEqual(family.map(({ givenNames, familyNames }) => ({ givenNames, familyNames, photo: "pending" })));
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(await seatsLeft(slot.id)).toBe(slot.remaining - 3);

    const read = await fetchAppointment(appointment.code, secret);
    expect(read.status).toBe(200);
    expect(read.body.appointment).toEqual(appointment);
    expect((await fetchAppointment(appointment.code, "wrong")).body.error.code).toBe("appointment_not_found");
    expect((await fetchAppointment(appointment.code)).status).toBe(404);
    expect((await fetchAppointment("ZZZZZ-ZZZZZ", secret)).status).toBe(404);
  });

  it("signs a token naming code, port, slot and party size, verifiable with the published key", async () => {
    const slot = await someSlot("nogales");
    const { body } = await book(application({ portId: "nogales", slotId: slot.id }));
    const token = body.appointment.token as string;
    const jwks = await (await keysRoute(new Request("http://localhost/api/v1/keys"), {})).json();
    const header = decodeProtectedHeader(token);
    const key = jwks.keys.find((k: { kid: string }) => k.kid === header.kid);
    expect(key).toMatchObject({ use: "sig", alg: "ES256", kty: "EC", crv: "P-256" });
    expect(key.d).toBeUndefined();
    const { jwtVerify, importJWK } = await import("jose");
    const { payload } = await jwtVerify(token, await importJWK(key, "ES256"));
    expect(payload).toMatchObject({ sub: body.appointment.code, port: "nogales", slot: slot.id, start: slot.start, n: 1 });
    expect(JSON.stringify(decodeJwt(token))).not.toContain("María");
    expect(jwks.keys.find((k: { use: string }) => k.use === "enc")).toMatchObject({ alg: "ECDH-ES", crv: "P-256" });
  });

  it("stores each photo as a JPEG, to be re-encoded in the background (tests/integration/photos-background)", async () => {
    const slot = await someSlot("calexico");
    const { body } = await book(application({ portId: "calexico", slotId: slot.id }));
    const db = await server.db();
    const [row] = await db.select().from(appointments).where(eq(appointments.code, body.appointment.code));
    const stored = await db.select().from(photos).where(eq(photos.appointmentId, row.id));
    expect(stored).toHaveLength(1);
    expect(stored[0].status).toBe("pending");
    expect([...stored[0].upload!.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(row.eligibility).toEqual({ inside: true, latitude: 32.5, longitude: -117, capturedAt: expect.any(String) });
  });
});

describe("cancel and reschedule", () => {
  it("cancelling frees the seats at once and twice is not an error", async () => {
    const slot = await someSlot("laredo", 2);
    const { body } = await book(application({ portId: "laredo", slotId: slot.id, travelers: [traveler(), traveler()] }));
    expect(await seatsLeft(slot.id)).toBe(slot.remaining - 2);

    const first = await cancel(body.appointment.code, body.secret);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("cancelled");
    expect(await seatsLeft(slot.id)).toBe(slot.remaining);
    const again = await cancel(body.appointment.code, body.secret);
    expect(again.status).toBe(200);
    expect(await seatsLeft(slot.id)).toBe(slot.remaining);
    expect((await cancel(body.appointment.code, "nope")).status).toBe(404);
  });

  it("a cancelled traveler can book again", async () => {
    const person = traveler();
    const slot = await someSlot("laredo");
    const first = await book(application({ portId: "laredo", slotId: slot.id, travelers: [person] }));
    await cancel(first.body.appointment.code, first.body.secret);
    const second = await book(application({ portId: "laredo", slotId: slot.id, travelers: [person] }));
    expect(second.status).toBe(201);
  });

  it("rescheduling takes the new seats and frees the old ones in one step", async () => {
    const from = await someSlot("brownsville", 2, 2);
    const to = await someSlot("brownsville", 2, 4);
    const { body } = await book(application({ portId: "brownsville", slotId: from.id, travelers: [traveler(), traveler()] }));
    const moved = await reschedule(body.appointment.code, body.secret, { slotId: to.id });
    expect(moved.status).toBe(200);
    expect(moved.body.appointment.slot).toEqual({ id: to.id, start: to.start, end: to.end });
    expect(moved.body.appointment.token).not.toBe(body.appointment.token);
    expect(await seatsLeft(from.id)).toBe(from.remaining);
    expect(await seatsLeft(to.id)).toBe(to.remaining - 2);
    expect((await fetchAppointment(body.appointment.code, body.secret)).body.appointment.slot.id).toBe(to.id);
  });

  it("rescheduling into a full slot answers slot_full with alternatives and changes nothing", async () => {
    const from = await someSlot("brownsville", 1, 2);
    const full = await someSlot("brownsville", 1, 5);
    const db = await server.db();
    await db.update(slots).set({ booked: full.capacity }).where(eq(slots.id, full.id));
    const { body } = await book(application({ portId: "brownsville", slotId: from.id }));
    const refused = await reschedule(body.appointment.code, body.secret, { slotId: full.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("slot_full");
    expect(refused.body.error.alternatives.length).toBeGreaterThan(0);
    expect(refused.body.error.alternatives.every((s: { remaining: number }) => s.remaining >= 1)).toBe(true);
    expect(await seatsLeft(from.id)).toBe(from.remaining - 1);
    const cancelled = await cancel(body.appointment.code, body.secret);
    expect((await reschedule(body.appointment.code, body.secret, { slotId: from.id })).body.error.code).toBe(
      "appointment_not_modifiable",
    );
    expect(cancelled.status).toBe(200);
  });
});

describe("GET availability", () => {
  it("answers each day of the range with bookable slots and seats left", async () => {
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const { status, body } = await availability("el-paso", from, to);
    expect(status).toBe(200);
    expect(body.days.map((d: { date: string }) => d.date)).toHaveLength(3);
    expect(body.days[0].slots).toHaveLength(20);
    expect(body.days[0].slots[0]).toMatchObject({ capacity: 12, start: expect.stringMatching(/T07:00:00-0[67]:00$/) });
  });

  it.each([
    ["2026-13-01", "2026-12-02"],
    ["2026-12-05", "2026-12-01"],
    ["2026-12-01", "2027-01-15"],
    ["tomorrow", "2026-12-01"],
  ])("refuses from=%s to=%s with invalid_range", async (from, to) => {
    const { status, body } = await availability("el-paso", from, to);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_range");
  });

  it("answers port_not_found for an unknown port", async () => {
    const { status, body } = await availability("tijuana", "2026-12-01", "2026-12-02");
    expect([status, body.error.code]).toEqual([404, "port_not_found"]);
  });
});
