import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments, slots, travelers } from "@/lib/server/db/schema";
import { useTestServer } from "../support/api";
import { application, idempotencyKey, traveler } from "../support/fixtures";
import { book, someSlot } from "../support/requests";

const server = useTestServer();

async function slotRow(slotId: string) {
  const [row] = await (await server.db()).select().from(slots).where(eq(slots.id, slotId));
  return row;
}

async function setCapacity(slotId: string, capacity: number) {
  await (await server.db()).update(slots).set({ capacity, booked: 0 }).where(eq(slots.id, slotId));
}

describe("under concurrency", () => {
  it("a burst of single bookings for one slot sells exactly its seats", async () => {
    const slot = await someSlot("san-ysidro", 1, 6);
    await setCapacity(slot.id, 10);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => book(application({ slotId: slot.id }))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === "slot_full")).toBe(true);
    expect((await slotRow(slot.id)).booked).toBe(10);
    const codes = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.appointment.code));
    expect(codes.size).toBe(10);
  });

  it("groups of mixed sizes never overfill a slot and each takes all its seats or none", async () => {
    const slot = await someSlot("el-paso", 1, 6);
    await setCapacity(slot.id, 16);
    const sizes = Array.from({ length: 24 }, (_, i) => (i % 4) + 1);
    const answers = await Promise.all(
      sizes.map((size) =>
        book(application({ portId: "el-paso", slotId: slot.id, travelers: Array.from({ length: size }, () => traveler()) })),
      ),
    );
    const sold = answers.reduce((sum, a, i) => sum + (a.status === 201 ? sizes[i] : 0), 0);
    const row = await slotRow(slot.id);
    expect(row.booked).toBe(sold);
    expect(sold).toBeLessThanOrEqual(16);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.every((a) => a.body.error.code === "slot_full")).toBe(true);
    // Nothing smaller than the remaining room was turned away: the slot is as full as it can be.
    const smallestRefused = Math.min(...sizes.filter((_, i) => answers[i].status !== 201));
    expect(16 - sold).toBeLessThan(smallestRefused);
  });

  it("concurrent repeats of one request create one appointment and all get the first answer", async () => {
    const slot = await someSlot("nogales", 1, 6);
    const key = idempotencyKey();
    const body = application({ portId: "nogales", slotId: slot.id });
    const answers = await Promise.all(Array.from({ length: 12 }, () => book(body, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(new Set(answers.map((a) => a.body.appointment.code)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.secret)).size).toBe(1);
    const db = await server.db();
    const [{ n }] = await db.select({ n: count() }).from(appointments).where(eq(appointments.slotId, slot.id));
    expect(n).toBe(1);
    expect((await slotRow(slot.id)).booked).toBe(1);
  });

  it("repeats arriving while the first takes a slot's last seat all get the first answer, not 'full'", async () => {
    // The race: a repeat looks its key up before the first commits, then finds the seat taken.
    const answers = [];
    for (let round = 0; round < 12; round++) {
      const slot = await someSlot("nogales", 1, 6 + (round % 8));
      await setCapacity(slot.id, 1);
      const key = idempotencyKey();
      const body = application({ portId: "nogales", slotId: slot.id });
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      answers.push(...(await Promise.all(Array.from({ length: 24 }, (_, i) => pause(i * 3).then(() => book(body, key))))));
    }
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.error?.code}`)).toEqual([]);
  });

  it("the same person sent in several requests at once gets one appointment", async () => {
    const person = traveler();
    const answers = await Promise.all(
      ["laredo", "laredo", "brownsville", "calexico"].map(async (portId, i) => {
        const slot = await someSlot(portId, 1, 7 + i);
        return book(application({ portId, slotId: slot.id, travelers: [{ ...person, givenNames: ` ${person.givenNames.toUpperCase()} ` }] }));
      }),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("traveler_already_booked");
      expect(refused.body.error.issues[0].path).toBe("travelers.0");
    }
    const db = await server.db();
    const [{ n }] = await db.select({ n: count() }).from(travelers).where(eq(travelers.active, true));
    expect(n).toBeGreaterThanOrEqual(1);
  });
});
