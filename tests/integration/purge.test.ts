import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appointments, appointmentEvents, photos, travelers } from "@/lib/server/db/schema";
import { purgePersonalData } from "@/lib/scheduling/server/purge";
import { useTestServer } from "../support/api";
import { application, traveler } from "../support/fixtures";
import { book, cancel, someSlot } from "../support/requests";

const server = useTestServer();

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

describe("retention", () => {
  it("erases personal data 30 days after the appointment's day and after a cancellation, keeping anonymous counts", async () => {
    const soon = await someSlot("laredo", 2, 2);
    const kept = await someSlot("laredo", 1, 10);
    const past = await book(application({ portId: "laredo", slotId: soon.id, travelers: [traveler(), traveler()] }));
    const later = await book(application({ portId: "laredo", slotId: kept.id }));
    const cancelled = await book(application({ portId: "laredo", slotId: kept.id }));
    await cancel(cancelled.body.appointment.code, cancelled.body.secret);
    const db = await server.db();

    // 31 days after the first appointment's day: it and the cancellation are due, the other is not.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(new Date(soon.start).getTime() + 31 * 86_400_000) });
    const counts = await purgePersonalData(db, new Date(), 30);
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
    const untouched = await stored(later.body.appointment.code);
    expect(untouched.people).toHaveLength(1);
    expect(untouched.pictures).toHaveLength(1);
    expect(untouched.row.contact).not.toBeNull();

    expect((await purgePersonalData(db, new Date(), 30)).appointments).toBe(0);
  });

  it("keeps a request that was not selected: it still waits for the next draws until it expires", async () => {
    const db = await server.db();
    const waiting = await book(application({ portId: "eagle-pass" }));
    expect(waiting.status).toBe(202);
    const code = waiting.body.appointment.code;
    await db.update(appointments).set({ status: "not_selected", updatedAt: new Date(Date.now() - 40 * 86_400_000) }).where(eq(appointments.code, code));

    await purgePersonalData(db, new Date(), 30);
    const { people, pictures, row } = await stored(code);
    expect(people).toHaveLength(1);
    expect(pictures).toHaveLength(1);
    expect(row.contact).not.toBeNull();
  });
});
