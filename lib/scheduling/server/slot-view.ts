import "server-only";
import { formatInstant } from "@/lib/shared/time/dates";

export type SlotView = { id: string; start: string; end: string; capacity: number; remaining: number };

type SlotLike = { id: string; startsAt: Date; endsAt: Date; capacity: number; booked: number };

/** A slot as the API shows it: instants in the port's own time zone, seats left. */
export function slotView(slot: SlotLike, timeZone: string): SlotView {
  return {
    id: slot.id,
    start: formatInstant(slot.startsAt, timeZone),
    end: formatInstant(slot.endsAt, timeZone),
    capacity: slot.capacity,
    remaining: slot.capacity - slot.booked,
  };
}
