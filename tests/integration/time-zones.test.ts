import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestServer } from "../support/api";
import { pretendNow } from "../support/clock";
import { availability } from "../support/requests";

const server = useTestServer();

const at = async (instant: string) => pretendNow(await server.db(), instant);

afterEach(() => {
  vi.useRealTimers();
});

describe("slots in each port's own time", () => {
  it("San Ysidro on the day DST starts (2027-03-14) opens at 07:00 PDT, the day before at 07:00 PST", async () => {
    await at("2027-03-10T12:00:00Z");
    const { body } = await availability("san-ysidro", "2027-03-13", "2027-03-14");
    const [before, dstDay] = body.days;
    expect(before.slots[0].start).toBe("2027-03-13T07:00:00-08:00");
    expect(dstDay.slots[0].start).toBe("2027-03-14T07:00:00-07:00");
    expect(dstDay.slots).toHaveLength(20);
    expect(dstDay.slots.at(-1).end).toBe("2027-03-14T17:00:00-07:00");
  });

  it("San Ysidro on the day DST ends (2026-11-01) keeps 30-minute slots in PST", async () => {
    await at("2026-10-28T12:00:00Z");
    const { body } = await availability("san-ysidro", "2026-11-01", "2026-11-01");
    const slots = body.days[0].slots;
    expect(slots[0].start).toBe("2026-11-01T07:00:00-08:00");
    for (const slot of slots) expect(new Date(slot.end).getTime() - new Date(slot.start).getTime()).toBe(30 * 60_000);
  });

  it("Nogales keeps Arizona's -07:00 all year, while El Paso (Mountain) changes", async () => {
    await at("2027-03-10T12:00:00Z");
    const nogales = await availability("nogales", "2027-03-13", "2027-03-15");
    expect(nogales.body.days.map((d: { slots: { start: string }[] }) => d.slots[0].start)).toEqual([
      "2027-03-13T08:00:00-07:00",
      "2027-03-14T08:00:00-07:00",
      "2027-03-15T08:00:00-07:00",
    ]);
    const elPaso = await availability("el-paso", "2027-03-13", "2027-03-15");
    expect(elPaso.body.days.map((d: { slots: { start: string }[] }) => d.slots[0].start)).toEqual([
      "2027-03-13T07:00:00-07:00",
      "2027-03-14T07:00:00-06:00",
      "2027-03-15T07:00:00-06:00",
    ]);
  });

  it("books from tomorrow in the port's own date: a Nogales evening is already tomorrow in Brownsville", async () => {
    // 23:30 in Nogales (UTC-7) on 2027-01-10 is 00:30 on 2027-01-11 in Brownsville (UTC-6).
    await at("2027-01-11T06:30:00Z");
    const nogales = await availability("nogales", "2027-01-11", "2027-01-12");
    expect(nogales.body.days[0].slots.length).toBeGreaterThan(0);
    const brownsville = await availability("brownsville", "2027-01-11", "2027-01-12");
    expect(brownsville.body.days[0].slots).toHaveLength(0);
    expect(brownsville.body.days[1].slots.length).toBeGreaterThan(0);
  });
});
