import { describe, expect, it } from "vitest";
import { drawDateFor, drawTimes } from "./schedule";
import { formatInstant } from "@/lib/shared/time/dates";

const eaglePass = { timeZone: "America/Chicago", drawWindowOpens: "00:00", drawWindowCloses: "18:00", drawTime: "19:00" };
const show = (d: Date) => formatInstant(d, eaglePass.timeZone);

describe("draw schedule", () => {
  it("holds the draw for a day `leadDays` before it, in the port's own time", () => {
    const times = drawTimes(eaglePass, "2027-02-03", 2);
    expect([show(times.opensAt), show(times.closesAt), show(times.drawAt)]).toEqual([
      "2027-02-01T00:00:00-06:00",
      "2027-02-01T18:00:00-06:00",
      "2027-02-01T19:00:00-06:00",
    ]);
    expect(show(drawTimes(eaglePass, "2027-02-03", 1).drawAt)).toBe("2027-02-02T19:00:00-06:00");
  });

  it("puts a request in today's draw until the window closes, then in tomorrow's", () => {
    expect(drawDateFor(eaglePass, new Date("2027-02-01T23:59:59Z"), 2)).toBe("2027-02-03");
    expect(drawDateFor(eaglePass, new Date("2027-02-02T00:00:00Z"), 2)).toBe("2027-02-04");
    expect(drawDateFor(eaglePass, new Date("2027-02-02T05:59:00Z"), 2)).toBe("2027-02-04"); // 23:59 local
    expect(drawDateFor(eaglePass, new Date("2027-02-02T06:00:00Z"), 2)).toBe("2027-02-04"); // next local day, 00:00
  });

  it("follows daylight saving time: 18:00 is 23:00Z in summer, 00:00Z in winter", () => {
    expect(drawTimes(eaglePass, "2027-07-03", 2).closesAt.toISOString()).toBe("2027-07-01T23:00:00.000Z");
    expect(drawTimes(eaglePass, "2027-03-16", 2).closesAt.toISOString()).toBe("2027-03-14T23:00:00.000Z"); // DST day
    expect(drawTimes(eaglePass, "2027-03-15", 2).closesAt.toISOString()).toBe("2027-03-14T00:00:00.000Z");
  });

  it("refuses a port without draw settings", () => {
    expect(() => drawTimes({ timeZone: "America/Chicago", drawWindowOpens: null, drawWindowCloses: null, drawTime: null }, "2027-02-03", 2)).toThrow();
  });
});
