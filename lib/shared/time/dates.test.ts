import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  formatInstant,
  isCalendarDate,
  localDate,
  offsetMinutes,
  weekdayOf,
  zonedTimeToInstant,
} from "./dates";

const LA = "America/Los_Angeles";
const at = (date: string, time: string, zone: string) => formatInstant(zonedTimeToInstant(date, time, zone), zone);

describe("calendar dates", () => {
  it("accepts only real dates in strict YYYY-MM-DD form", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-12-1")).toBe(false);
    expect(isCalendarDate("2026-12-01T00:00")).toBe(false);
    expect(isCalendarDate(" 2026-12-01")).toBe(false);
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addDays("2027-03-13", 1)).toBe("2027-03-14"); // a DST day is still one calendar day
    expect(() => addDays("2027-02-29", 1)).toThrow(RangeError);
    expect(() => addDays("2027-01-01", 0.5)).toThrow(RangeError);
  });

  it("knows weekdays (0 = Sunday)", () => {
    expect(weekdayOf("2026-12-01")).toBe(2); // Tuesday
    expect(weekdayOf("2027-03-14")).toBe(0); // Sunday
    expect(weekdayOf("2028-02-29")).toBe(2);
  });

  it("counts days between dates, signed", () => {
    expect(daysBetween("2026-12-01", "2026-12-01")).toBe(0);
    expect(daysBetween("2026-12-01", "2027-12-01")).toBe(365);
    expect(daysBetween("2028-01-01", "2029-01-01")).toBe(366);
    expect(daysBetween("2027-03-20", "2027-03-10")).toBe(-10);
  });
});

describe("zonedTimeToInstant / formatInstant", () => {
  it("uses -08:00 in Los Angeles winter", () => {
    const instant = zonedTimeToInstant("2026-12-01", "08:00", LA);
    expect(instant.toISOString()).toBe("2026-12-01T16:00:00.000Z");
    expect(formatInstant(instant, LA)).toBe("2026-12-01T08:00:00-08:00");
  });

  it("switches to -07:00 on the DST start day 2027-03-14", () => {
    expect(at("2027-03-13", "07:00", LA)).toBe("2027-03-13T07:00:00-08:00");
    expect(at("2027-03-14", "07:00", LA)).toBe("2027-03-14T07:00:00-07:00");
    expect(at("2027-03-14", "08:00", LA)).toBe("2027-03-14T08:00:00-07:00");
    expect(at("2027-03-14", "01:59", LA)).toBe("2027-03-14T01:59:00-08:00");
  });

  it("shifts a wall time in the spring-forward gap forward by the gap", () => {
    expect(at("2027-03-14", "02:30", LA)).toBe("2027-03-14T03:30:00-07:00");
    expect(at("2027-03-14", "02:00", LA)).toBe("2027-03-14T03:00:00-07:00");
    // Eastern hemisphere gap (Berlin, 2027-03-28 02:00 → 03:00) resolves the same way.
    expect(at("2027-03-28", "02:30", "Europe/Berlin")).toBe("2027-03-28T03:30:00+02:00");
  });

  it("picks the earlier instant for an ambiguous fall-back time (2026-11-01)", () => {
    const instant = zonedTimeToInstant("2026-11-01", "01:30", LA);
    expect(formatInstant(instant, LA)).toBe("2026-11-01T01:30:00-07:00");
    expect(instant.toISOString()).toBe("2026-11-01T08:30:00.000Z");
    expect(at("2026-11-01", "02:00", LA)).toBe("2026-11-01T02:00:00-08:00");
    expect(at("2026-10-25", "02:30", "Europe/Berlin")).toBe("2026-10-25T02:30:00+02:00");
  });

  it("keeps America/Phoenix (Nogales) at -07:00 all year", () => {
    expect(at("2027-01-15", "08:00", "America/Phoenix")).toBe("2027-01-15T08:00:00-07:00");
    expect(at("2027-07-15", "08:00", "America/Phoenix")).toBe("2027-07-15T08:00:00-07:00");
    expect(at("2027-03-14", "02:30", "America/Phoenix")).toBe("2027-03-14T02:30:00-07:00");
  });

  it("puts El Paso (America/Denver) at -07:00 in winter and -06:00 in summer", () => {
    expect(at("2027-01-15", "07:00", "America/Denver")).toBe("2027-01-15T07:00:00-07:00");
    expect(at("2027-07-15", "07:00", "America/Denver")).toBe("2027-07-15T07:00:00-06:00");
  });

  it("handles offsets that are not whole hours", () => {
    expect(at("2026-12-01", "08:00", "Asia/Kolkata")).toBe("2026-12-01T08:00:00+05:30");
    expect(at("2026-12-01", "08:00", "Asia/Kathmandu")).toBe("2026-12-01T08:00:00+05:45");
    expect(at("2027-01-15", "08:00", "America/St_Johns")).toBe("2027-01-15T08:00:00-03:30");
    expect(at("2027-07-15", "08:00", "America/St_Johns")).toBe("2027-07-15T08:00:00-02:30");
  });

  it("writes +00:00 rather than Z, and drops milliseconds", () => {
    expect(formatInstant(new Date("2026-12-01T08:00:00.999Z"), "UTC")).toBe("2026-12-01T08:00:00+00:00");
    expect(formatInstant(new Date("2026-12-01T08:00:00Z"), "Europe/London")).toBe("2026-12-01T08:00:00+00:00");
  });

  it("round-trips every existing wall time of DST and odd-offset days", () => {
    // [date, zone, first local minute of the spring-forward gap, its length]; gap times don't round-trip.
    const cases: [string, string, number, number][] = [
      ["2027-03-14", LA, 120, 60],
      ["2026-11-01", LA, 0, 0],
      ["2027-03-28", "Europe/Berlin", 120, 60],
      ["2026-12-01", "Asia/Kathmandu", 0, 0],
      ["2027-04-04", "Australia/Lord_Howe", 0, 0], // 30-minute fall-back
      ["2026-10-04", "Australia/Lord_Howe", 120, 30], // 30-minute spring-forward
    ];
    for (const [date, zone, gapStart, gapLength] of cases) {
      for (let m = 0; m < 24 * 60; m += 15) {
        if (m >= gapStart && m < gapStart + gapLength) continue;
        const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        expect(at(date, time, zone).slice(0, 16)).toBe(`${date}T${time}`);
      }
    }
    expect(at("2026-10-04", "02:15", "Australia/Lord_Howe")).toBe("2026-10-04T02:45:00+11:00");
  });

  it("rejects bad input", () => {
    expect(() => zonedTimeToInstant("2027-02-29", "08:00", LA)).toThrow(RangeError);
    expect(() => zonedTimeToInstant("2027-03-01", "24:00", LA)).toThrow(RangeError);
    expect(() => zonedTimeToInstant("2027-03-01", "8:00", LA)).toThrow(RangeError);
    expect(() => zonedTimeToInstant("2027-03-01", "08:00", "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("offsetMinutes and localDate", () => {
  it("reports offsets in minutes, east positive", () => {
    expect(offsetMinutes(new Date("2026-12-01T16:00:00Z"), LA)).toBe(-480);
    expect(offsetMinutes(new Date("2027-07-01T16:00:00Z"), LA)).toBe(-420);
    expect(offsetMinutes(new Date("2026-12-01T16:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(offsetMinutes(new Date("2026-12-01T16:00:00Z"), "Asia/Kathmandu")).toBe(345);
    expect(offsetMinutes(new Date("2026-12-01T16:00:00Z"), "UTC")).toBe(0);
  });

  it("gives the zone's calendar date across midnight", () => {
    const instant = new Date("2026-12-02T05:30:00Z");
    expect(localDate(instant, LA)).toBe("2026-12-01"); // 21:30 the evening before
    expect(localDate(instant, "America/Chicago")).toBe("2026-12-01"); // 23:30
    expect(localDate(instant, "Asia/Kolkata")).toBe("2026-12-02"); // 11:00
    expect(localDate(new Date("2026-12-01T18:30:00Z"), "Asia/Kolkata")).toBe("2026-12-02"); // 00:00 exactly
    expect(localDate(new Date("2026-12-01T18:29:59Z"), "Asia/Kolkata")).toBe("2026-12-01");
    expect(localDate(zonedTimeToInstant("2026-12-01", "00:00", LA), LA)).toBe("2026-12-01");
  });
});
