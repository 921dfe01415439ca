import { describe, expect, it } from "vitest";
import { demoPorts, portPlaces } from "./demo-ports";
import { slotsForDay } from "./slot-template";
import { addDays, formatInstant } from "@/lib/shared/time/dates";

const seats = (date: string) =>
  demoPorts.flatMap((port) => slotsForDay(port, port.templates, date)).reduce((sum, row) => sum + row.capacity, 0);

describe("demoPorts", () => {
  it("lists the eight CBP One ports, Eagle Pass and Hidalgo by draw, with unique ids", () => {
    expect(demoPorts.map((p) => p.id)).toEqual([
      "san-ysidro",
      "calexico",
      "nogales",
      "el-paso",
      "eagle-pass",
      "laredo",
      "hidalgo",
      "brownsville",
    ]);
    expect(demoPorts.filter((p) => p.mode === "draw").map((p) => p.id)).toEqual(["eagle-pass", "hidalgo"]);
    for (const port of demoPorts) {
      const settings = [port.drawWindowOpens, port.drawWindowCloses, port.drawTime];
      if (port.mode === "first-come") expect(settings).toEqual([undefined, undefined, undefined]);
      else expect(settings).toEqual(["00:00", "18:00", "19:00"]);
    }
  });

  it("uses only valid IANA time zones", () => {
    for (const port of demoPorts) {
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: port.timeZone })).not.toThrow();
      expect(new Intl.DateTimeFormat("en-US", { timeZone: port.timeZone }).resolvedOptions().timeZone).toBe(port.timeZone);
    }
  });

  it("offers 1,450 seats on every day of the week, DST days included", () => {
    for (let i = 0; i < 7; i++) expect(seats(addDays("2026-11-30", i))).toBe(1450);
    expect(seats("2027-03-14")).toBe(1450);
    expect(seats("2026-11-01")).toBe(1450);
  });

  it("has the per-port daily capacities", () => {
    const perPort = Object.fromEntries(
      demoPorts.map((p) => [p.id, slotsForDay(p, p.templates, "2026-12-01").reduce((s, r) => s + r.capacity, 0)]),
    );
    expect(perPort).toEqual({
      "san-ysidro": 320,
      calexico: 96,
      nogales: 144,
      "el-paso": 240,
      "eagle-pass": 128,
      laredo: 192,
      hidalgo: 160,
      brownsville: 170,
    });
  });

  it("opens Nogales at -07:00 year-round and El Paso on Mountain time", () => {
    const first = (id: string, date: string) => {
      const port = demoPorts.find((p) => p.id === id)!;
      return formatInstant(slotsForDay(port, port.templates, date)[0].startsAt, port.timeZone);
    };
    expect(first("nogales", "2027-01-15")).toBe("2027-01-15T08:00:00-07:00");
    expect(first("nogales", "2027-07-15")).toBe("2027-07-15T08:00:00-07:00");
    expect(first("el-paso", "2027-01-15")).toBe("2027-01-15T07:00:00-07:00");
    expect(first("el-paso", "2027-07-15")).toBe("2027-07-15T07:00:00-06:00");
  });

  it("names every crossing with the Mexican city across it, placed on the border", () => {
    expect(Object.fromEntries(demoPorts.map((p) => [p.id, portPlaces[p.id]?.mexicanCity]))).toEqual({
      "san-ysidro": "Tijuana",
      calexico: "Mexicali",
      nogales: "Nogales",
      "el-paso": "Ciudad Juárez",
      "eagle-pass": "Piedras Negras",
      laredo: "Nuevo Laredo",
      hidalgo: "Reynosa",
      brownsville: "Matamoros",
    });
    // The border runs between 25.8°N (the Gulf) and 32.7°N (the Pacific), 97°W to 117°W.
    for (const { latitude, longitude } of Object.values(portPlaces)) {
      expect(latitude).toBeGreaterThan(25.8);
      expect(latitude).toBeLessThan(32.8);
      expect(longitude).toBeGreaterThan(-117.2);
      expect(longitude).toBeLessThan(-97.1);
    }
  });
});
