import { afterEach, describe, expect, it, vi } from "vitest";
import { runUpkeep, scheduleUpkeep } from "@/lib/lifecycle/server/upkeep";
import { useTestServer } from "../support/api";
import { DAY, HOUR, responseKept, storeAppointment, storedTraces, storeResponse, storeWindow, windowKept } from "../support/retention";

// A slot template gone bad, for one test: making slots fails, as long as `slotsFail.now` is set.
const slotsFail = vi.hoisted(() => ({ now: false }));
vi.mock("@/lib/scheduling/server/seed", async (importOriginal) => {
  const seed = await importOriginal<typeof import("@/lib/scheduling/server/seed")>();
  return {
    ...seed,
    materializeSlots: (...args: Parameters<typeof seed.materializeSlots>) =>
      slotsFail.now ? Promise.reject(new Error("a broken slot template")) : seed.materializeSlots(...args),
  };
});

const server = useTestServer();
const config = { BOOKING_HORIZON_DAYS: 14, IDEMPOTENCY_RETENTION_DAYS: 7, RETENTION_DAYS: 30 };

afterEach(() => {
  vi.useRealTimers();
  slotsFail.now = false;
});

/** An appointment that ended (cancelled or expired) at `endedAt`: due RETENTION_DAYS later. */
async function ended(status: "cancelled" | "expired", endedAt: Date) {
  const db = await server.db();
  return storeAppointment(db, { status, slotDate: null, madeAt: new Date(endedAt.getTime() - DAY), changedAt: endedAt });
}

async function personal(id: string) {
  const is = await storedTraces(await server.db(), id);
  return { contact: is.row.contact !== null, location: "latitude" in is.row.eligibility, travelers: is.travelers.length, photos: is.photos.length };
}

const ALL = { contact: true, location: true, travelers: 3, photos: 3 };
const NONE = { contact: false, location: false, travelers: 0, photos: 0 };

describe("the hourly upkeep", () => {
  it("erases, on the hour, the personal data and stored responses whose time came during it", async () => {
    const db = await server.db();
    const start = new Date();
    // Each comes due half an hour after start: after the start-up's round, before the next.
    const dueIn = (days: number) => new Date(start.getTime() - days * DAY + HOUR / 2);
    const cancelled = await ended("cancelled", dueIn(30));
    const expired = await ended("expired", dueIn(30));
    const response = await storeResponse(db, dueIn(7));
    // A rate-limit window of a minute ago still counts; an hour later it is spent.
    const window = await storeWindow(db, new Date(Math.floor(start.getTime() / 60_000) * 60_000 - 60_000));

    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"], now: start });
    const errors: unknown[] = [];
    const upkeep = scheduleUpkeep(db, config, { onError: (error) => errors.push(error) });
    try {
      // As at start-up: one round before the schedule's first.
      await runUpkeep(db, new Date(), config);
      expect(await personal(cancelled.id)).toEqual(ALL);
      expect(await personal(expired.id)).toEqual(ALL);
      expect(await responseKept(db, response)).toBe(true);
      expect(await windowKept(db, window)).toBe(true);

      vi.advanceTimersByTime(HOUR - 1000);
      await upkeep.idle();
      expect(await personal(cancelled.id)).toEqual(ALL);

      vi.advanceTimersByTime(1000);
      await upkeep.idle();
      expect(await personal(cancelled.id)).toEqual(NONE);
      expect(await personal(expired.id)).toEqual(NONE);
      expect(await responseKept(db, response)).toBe(false);
      expect(await windowKept(db, window)).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      upkeep.stop();
    }
  });

  it("takes its interval and clock from the caller", async () => {
    const db = await server.db();
    const later = new Date(Date.now() + 31 * DAY);
    const cancelled = await ended("cancelled", new Date());
    const errors: unknown[] = [];
    const upkeep = scheduleUpkeep(db, config, { everyMs: 20, clock: () => later, onError: (error) => errors.push(error) });
    try {
      await vi.waitFor(async () => expect(await personal(cancelled.id)).toEqual(NONE), { timeout: 10_000, interval: 50 });
    } finally {
      upkeep.stop();
      await upkeep.idle();
    }
    expect(errors).toEqual([]);
  });

  it("keeps no stored response past the shorter of the two retentions", async () => {
    const db = await server.db();
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY - HOUR);
    const short = { ...config, RETENTION_DAYS: 3 };
    const keys = { threeDays: await storeResponse(db, ago(3)), twoDays: await storeResponse(db, ago(2)) };
    await runUpkeep(db, now, short);
    expect(await responseKept(db, keys.threeDays)).toBe(false);
    expect(await responseKept(db, keys.twoDays)).toBe(true);
    const sevenDays = await storeResponse(db, ago(7));
    await runUpkeep(db, now, config);
    expect(await responseKept(db, sevenDays)).toBe(false);
    expect(await responseKept(db, keys.twoDays)).toBe(true);
  });

  it("still erases personal data when an earlier step fails, then reports the failure", async () => {
    const cancelled = await ended("cancelled", new Date(Date.now() - 31 * DAY));
    slotsFail.now = true;
    await expect(runUpkeep(await server.db(), new Date(), config)).rejects.toThrow("a broken slot template");
    expect(await personal(cancelled.id)).toEqual(NONE);
  });
});
