import { describe, expect, it } from "vitest";
import { icsFile } from "./ics";

const event = {
  uid: "ABCDE-FGHJK@puerta",
  start: "2027-03-14T08:00:00-07:00",
  end: "2027-03-14T08:30:00-07:00",
  title: "Cita en San Ysidro; puerto de entrada",
  location: "PedWest, 720 E San Ysidro Blvd, San Diego, CA 92173",
  description: `Código: ABCDE-FGHJK\nLleve sus documentos. ${"Это бесплатно. ".repeat(8)}`,
  stamp: new Date("2026-11-26T12:00:00Z"),
};

describe("icsFile", () => {
  const ics = icsFile(event);

  it("writes the appointment in UTC, whatever the port's zone", () => {
    expect(ics).toContain("DTSTART:20270314T150000Z\r\n");
    expect(ics).toContain("DTEND:20270314T153000Z\r\n");
  });

  it("escapes commas, semicolons and new lines", () => {
    expect(ics).toContain("SUMMARY:Cita en San Ysidro\\; puerto de entrada");
    expect(ics).toContain("LOCATION:PedWest\\, 720 E San Ysidro Blvd\\, San Diego\\, CA 92173");
    expect(ics).toContain("Código: ABCDE-FGHJK\\nLleve");
  });

  it("folds lines at 75 octets without splitting a character, with CRLF endings", () => {
    for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("Это бесплатно. Это бесплатно.");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
  });
});
