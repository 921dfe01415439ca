import { addDays, localDate, zonedTimeToInstant } from "@/lib/shared/time/dates";

/**
 * When a draw port's draws happen, in the port's own time. A draw is named by the day of the
 * slots it gives out (`date`); it is held `leadDays` before (DRAW_LEAD_DAYS): requests are
 * collected on `date - leadDays` until the window closes, and the draw runs at the draw time of
 * that same day. A request that arrives after the window has closed enters the next day's draw.
 */
export type DrawPortSettings = {
  timeZone: string;
  drawWindowOpens: string | null;
  drawWindowCloses: string | null;
  drawTime: string | null;
};

export type DrawTimes = { opensAt: Date; closesAt: Date; drawAt: Date };

function settings(port: DrawPortSettings) {
  if (!port.drawWindowOpens || !port.drawWindowCloses || !port.drawTime) {
    throw new Error("this port has no draw settings");
  }
  return { opens: port.drawWindowOpens, closes: port.drawWindowCloses, at: port.drawTime };
}

/** The request window and draw time of the draw that gives out `date`'s slots. */
export function drawTimes(port: DrawPortSettings, date: string, leadDays: number): DrawTimes {
  const { opens, closes, at } = settings(port);
  const held = addDays(date, -leadDays);
  return {
    opensAt: zonedTimeToInstant(held, opens, port.timeZone),
    closesAt: zonedTimeToInstant(held, closes, port.timeZone),
    drawAt: zonedTimeToInstant(held, at, port.timeZone),
  };
}

/** The draw (by its slots' date) that a request arriving at `instant` enters. */
export function drawDateFor(port: DrawPortSettings, instant: Date, leadDays: number): string {
  const today = localDate(instant, port.timeZone);
  const heldToday = addDays(today, leadDays);
  return instant < drawTimes(port, heldToday, leadDays).closesAt ? heldToday : addDays(heldToday, 1);
}
