import type { Dispatcher } from "undici";
import { bookingRange, readAvailability } from "./availability";

export type SeatSlot = { id: string; portId: string; remaining: number };

/**
 * Which slots of some ports have how many seats, as the bench's clients believe: read once, then
 * corrected by their own answers. Seats are counted off when a slot is picked, so clients sending
 * at once do not all pick the last seats of one slot; a refusal that says how many are left (409
 * slot_full and its alternatives) sets them again.
 */
export class SeatView {
  private readonly slots = new Map<string, SeatSlot>();

  /** Every bookable slot of `ports` in the server's default booking window, each in its port's time zone. */
  static async read(pool: Dispatcher, ports: { id: string; timeZone: string }[]): Promise<SeatView> {
    const view = new SeatView();
    for (const port of ports) {
      for (const slot of await readAvailability(pool, port.id, bookingRange(port.timeZone))) {
        view.slots.set(slot.id, { id: slot.id, portId: port.id, remaining: slot.remaining });
      }
    }
    return view;
  }

  /** A random slot of `portIds` with room for `seats`, its seats counted off; null if none. */
  take(seats: number, portIds?: Set<string>): SeatSlot | null {
    const open = [...this.slots.values()].filter((s) => s.remaining >= seats && (!portIds || portIds.has(s.portId)));
    if (open.length === 0) return null;
    const slot = open[Math.floor(Math.random() * open.length)];
    slot.remaining -= seats;
    return slot;
  }

  /** What the server said is left in a slot. */
  set(id: string, remaining: number): void {
    const slot = this.slots.get(id);
    if (slot) slot.remaining = remaining;
  }

  /** Seats counted off for a booking that was not made. */
  giveBack(id: string, seats: number): void {
    const slot = this.slots.get(id);
    if (slot) slot.remaining += seats;
  }

  seats(portIds?: Set<string>): number {
    return [...this.slots.values()].filter((s) => !portIds || portIds.has(s.portId)).reduce((sum, s) => sum + Math.max(0, s.remaining), 0);
  }

  /** Learns from a 409 slot_full: the slot's seats, and those of the alternatives offered. */
  learn(slotId: string, seatsAsked: number, text: string): void {
    try {
      const error = (JSON.parse(text) as { error?: { code?: string; alternatives?: { id: string; remaining: number }[] } }).error;
      if (error?.code === "slot_full") this.set(slotId, seatsAsked - 1);
      if (error?.code === "slot_closed") this.set(slotId, 0);
      for (const alternative of error?.alternatives ?? []) this.set(alternative.id, alternative.remaining);
    } catch {
      // not JSON: nothing to learn
    }
  }
}
