import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { drawDateFor } from "@/lib/draw/shared/schedule";
import { AppError, validationFailed, type Issue } from "@/lib/shared/errors/app-error";
import type { Application } from "@/lib/shared/schemas/application";
import { findAlternatives } from "./alternatives";
import { isBookable, portWindow } from "./booking-window";
import type { Port } from "./data/ports";
import type { Slot } from "./data/slots";

/** The checks of a draw request that need the port: no slot, preferred dates in the window. */
export function precheckDraw(application: Application, port: Port, now: Date): void {
  if (port.mode !== "draw") return;
  if (application.slotId) throw validationFailed([{ path: "slotId", key: "slot_not_applicable" }]);
  const window = portWindow(port, now);
  const firstDraw = drawDateFor(port, now, getConfig().DRAW_LEAD_DAYS);
  const first = firstDraw > window.first ? firstDraw : window.first;
  const issues: Issue[] = (application.preferredDates ?? []).flatMap((date, i): Issue[] =>
    date < first || date > window.last ? [{ path: `preferredDates.${i}`, key: "invalid_date" }] : [],
  );
  if (issues.length > 0) throw validationFailed(issues);
}

/**
 * A cheap check before the costly work (reading the photos): a request for a slot or seats that
 * plainly are not there is answered at once. Only an optimization: the write decides.
 */
export async function precheckFirstCome(application: Application, port: Port, slot: Slot | null, now: Date): Promise<Slot> {
  if (!application.slotId) throw validationFailed([{ path: "slotId", key: "slot_required" }]);
  if (!slot) throw new AppError("slot_not_found");
  const seats = application.travelers.length;
  const alternatives = () => findAlternatives(port, slot.startsAt, seats, now);
  if (!isBookable(slot, portWindow(port, now), now)) throw new AppError("slot_closed", { details: { alternatives: await alternatives() } });
  if (slot.capacity - slot.booked < seats) throw new AppError("slot_full", { details: { alternatives: await alternatives() } });
  return slot;
}

/** No one twice in one request: the same person key at two positions names the later one. */
export function rejectDuplicateTravelers(personKeys: string[]): void {
  const issues: Issue[] = personKeys.flatMap((key, i) =>
    personKeys.indexOf(key) < i ? [{ path: `travelers.${i}`, key: "duplicate_traveler" }] : [],
  );
  if (issues.length > 0) throw validationFailed(issues);
}

/**
 * traveler_already_booked naming the travelers whose person keys hold an active appointment (all,
 * if they have since let it go).
 */
export function alreadyBooked(personKeys: string[], active: Set<string>): AppError {
  const flagged = personKeys.flatMap((key, i): Issue[] => (active.size === 0 || active.has(key) ? [{ path: `travelers.${i}`, key: "already_booked" }] : []));
  return new AppError("traveler_already_booked", { issues: flagged });
}
