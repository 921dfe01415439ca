import { describe, expect, it } from "vitest";
import { slotId, slotsForDay, type SlotTemplate } from "./slot-template";
import { formatInstant } from "@/lib/shared/time/dates";

const sanYsidro = { id: "san-ysidro", timeZone: "America/Los_Angeles" };
const daily: SlotTemplate[] = [
  { weekdays: [0, 1, 2, 3, 4, 5, 6], opens: "07:00", closes: "17:00", slotMinutes: 30, capacity: 16 },
];
const minutesOf = (row: { startsAt: Date; endsAt: Date }) => (row.endsAt.getTime() - row.startsAt.getTime()) / 60_000;

describe("slotId", () => {
  it("is readable and derived only from port, date and local time", () => {
    expect(slotId("san-ysidro", "2026-12-01", "08:00")).toBe("san-ysidro-20261201-0800");
  });
});

describe("slotsForDay", () => {
  it("makes 20 half-hour slots from 07:00 to 17:00 with stable ids", () => {
    const rows = slotsForDay(sanYsidro, daily, "2026-12-01");
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual({
      id: "san-ysidro-20261201-0700",
      portId: "san-ysidro",
      date: "2026-12-01",
      startsAt: new Date("2026-12-01T15:00:00Z"),
      endsAt: new Date("2026-12-01T15:30:00Z"),
      capacity: 16,
    });
    expect(rows.at(-1)!.id).toBe("san-ysidro-20261201-1630");
    expect(formatInstant(rows.at(-1)!.endsAt, sanYsidro.timeZone)).toBe("2026-12-01T17:00:00-08:00");
    expect(slotsForDay(sanYsidro, daily, "2026-12-01")).toEqual(rows);
  });

  it("only keeps slots that end by closing time", () => {
    const rows = slotsForDay(sanYsidro, [{ ...daily[0], opens: "08:00", closes: "09:45", slotMinutes: 30 }], "2026-12-01");
    expect(rows.map((r) => r.id.slice(-4))).toEqual(["0800", "0830", "0900"]);
  });

  it("only uses templates whose weekdays include the date", () => {
    const weekdays: SlotTemplate[] = [
      { weekdays: [1, 2, 3, 4, 5], opens: "08:00", closes: "12:00", slotMinutes: 60, capacity: 4 },
      { weekdays: [6], opens: "09:00", closes: "10:00", slotMinutes: 30, capacity: 2 },
    ];
    expect(slotsForDay(sanYsidro, weekdays, "2026-12-01")).toHaveLength(4); // Tuesday
    expect(slotsForDay(sanYsidro, weekdays, "2026-12-05")).toHaveLength(2); // Saturday
    expect(slotsForDay(sanYsidro, weekdays, "2026-12-06")).toEqual([]); // Sunday
  });

  it("keeps 20 slots of 30 minutes at -07:00 on the DST start day", () => {
    const rows = slotsForDay(sanYsidro, daily, "2027-03-14");
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      expect(minutesOf(row)).toBe(30);
      expect(formatInstant(row.startsAt, sanYsidro.timeZone)).toMatch(/^2027-03-14T\d\d:\d\d:00-07:00$/);
    }
    expect(formatInstant(rows[0].startsAt, sanYsidro.timeZone)).toBe("2027-03-14T07:00:00-07:00");
    expect(rows[0].id).toBe("san-ysidro-20270314-0700");
  });

  it("keeps 20 slots of 30 minutes at -08:00 on the DST end day", () => {
    const rows = slotsForDay(sanYsidro, daily, "2026-11-01");
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => minutesOf(r) === 30)).toBe(true);
    expect(formatInstant(rows[0].startsAt, sanYsidro.timeZone)).toBe("2026-11-01T07:00:00-08:00");
  });

  it("skips starts inside the spring-forward gap and uses real elapsed time around it", () => {
    const night: SlotTemplate[] = [{ weekdays: [0], opens: "01:00", closes: "04:00", slotMinutes: 30, capacity: 1 }];
    const rows = slotsForDay(sanYsidro, night, "2027-03-14");
    expect(rows.map((r) => r.id.slice(-4))).toEqual(["0100", "0130", "0300", "0330"]);
    expect(rows.map(minutesOf)).toEqual([30, 30, 30, 30]); // 01:30 PST → 03:00 PDT is half an hour
    expect(new Set(rows.map((r) => r.startsAt.getTime())).size).toBe(rows.length);
  });

  it("rejects overlapping or malformed templates", () => {
    expect(() => slotsForDay(sanYsidro, [...daily, ...daily], "2026-12-01")).toThrow(/overlap/);
    expect(() => slotsForDay(sanYsidro, [{ ...daily[0], slotMinutes: 0 }], "2026-12-01")).toThrow(RangeError);
    expect(() => slotsForDay(sanYsidro, [{ ...daily[0], opens: "7:00" }], "2026-12-01")).toThrow(RangeError);
    expect(() => slotsForDay(sanYsidro, daily, "2027-02-29")).toThrow(RangeError);
  });
});
