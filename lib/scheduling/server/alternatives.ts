import "server-only";
import type { Tx } from "@/lib/server/db/connection";
import { portWindow } from "./booking-window";
import type { Port } from "./data/ports";
import { slotsWithRoomNear } from "./data/slots";
import { slotView, type SlotView } from "./slot-view";

/** How many slots a "this time is full" answer offers. */
const ALTERNATIVES = 5;

/**
 * Bookable slots of the port with room for `seats`, nearest in time to the one the person wanted:
 * what a "this time is full" (or closed) answer offers instead. Read in `tx` when given.
 */
export async function findAlternatives(port: Port, near: Date, seats: number, now: Date, tx?: Tx): Promise<SlotView[]> {
  const window = portWindow(port, now);
  const found = await slotsWithRoomNear({ portId: port.id, first: window.first, last: window.last, now, seats, near, limit: ALTERNATIVES }, tx);
  return found.map((slot) => slotView(slot, port.timeZone));
}
