import "server-only";
import type { AppointmentStatus } from "@/lib/server/db/schema";
import { requireInsideArea } from "@/lib/eligibility/server/eligibility-check";
import { AppError } from "@/lib/shared/errors/app-error";
import type { Location } from "@/lib/shared/schemas/application";
import { findAlternatives } from "./alternatives";
import { signAppointmentToken, slotClaims } from "./appointment-token";
import { authorize, view } from "./appointment-access";
import type { AppointmentView } from "./appointment-view";
import { isBookable, portWindow } from "./booking-window";
import {
  confirmAllocated,
  deactivateTravelers,
  inTransaction,
  moveAppointment,
  setStatus,
} from "./data/appointments";
import { readSlot, releaseSeats, takeSeats } from "./data/slots";
import { findPort } from "./ports";

/** Statuses that hold seats or a place in the draw, and so can still be cancelled. */
const ACTIVE: AppointmentStatus[] = ["requested", "not_selected", "allocated", "confirmed"];

export async function getAppointment(code: string, secret: string | null): Promise<AppointmentView> {
  return view(await authorize(code, secret));
}

/** Cancels and frees the seats in the same transaction; cancelling twice answers the same. */
export async function cancelAppointment(code: string, secret: string | null, now: Date): Promise<AppointmentView> {
  return inTransaction(async (tx) => {
    const appointment = await authorize(code, secret, tx);
    if (appointment.status === "cancelled") return view(appointment, tx);
    if (!ACTIVE.includes(appointment.status)) throw new AppError("appointment_not_modifiable");
    if (appointment.slotId && (appointment.status === "allocated" || appointment.status === "confirmed")) {
      await releaseSeats(tx, appointment.slotId, appointment.travelerCount);
    }
    await deactivateTravelers(tx, appointment.id);
    const updated = await setStatus(tx, appointment, "cancelled", appointment.slotId, now);
    return view(updated, tx);
  });
}

/**
 * Moves a confirmed appointment to another slot of its port: the new seats are taken by the same
 * conditional write as a booking and the old ones freed, in one transaction.
 */
export async function rescheduleAppointment(
  code: string,
  secret: string | null,
  slotId: string,
  now: Date,
): Promise<AppointmentView> {
  return inTransaction(async (tx) => {
    const appointment = await authorize(code, secret, tx);
    if (appointment.status !== "confirmed") throw new AppError("appointment_not_modifiable");
    if (appointment.slotId === slotId) return view(appointment, tx);
    const port = await findPort(appointment.portId, tx);
    // Seats at a draw port are given by the draw only: moving to another slot would bypass it.
    if (port.mode === "draw") throw new AppError("appointment_not_modifiable");
    const target = await readSlot(tx, slotId, port.id);
    if (!target) throw new AppError("slot_not_found");
    const seats = appointment.travelerCount;
    const alternatives = () => findAlternatives(port, target.startsAt, seats, now, tx);
    if (!isBookable(target, portWindow(port, now), now)) {
      throw new AppError("slot_closed", { details: { alternatives: await alternatives() } });
    }
    // Both slot rows are touched in id order, so two people swapping slots cannot deadlock.
    const steps = [
      { id: target.id, take: true },
      { id: appointment.slotId!, take: false },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const step of steps) {
      if (!step.take) {
        await releaseSeats(tx, step.id, seats);
        continue;
      }
      if (!(await takeSeats(tx, step.id, seats))) throw new AppError("slot_full", { details: { alternatives: await alternatives() } });
    }
    const token = await signAppointmentToken(
      { code: appointment.code, portId: port.id, slot: slotClaims(target, port), travelers: seats },
      now,
    );
    const moved = await moveAppointment(tx, appointment, target.id, token, now);
    return view(moved, tx);
  });
}

/**
 * Confirms seats allocated by a draw. The deadline is decided by the database (`confirmAllocated`),
 * so a confirmation racing the expiry either wins entirely or finds the window closed. Confirming
 * twice answers the same. A location, sent where the deployment checks it again, must be inside
 * the eligible area (it is not stored).
 */
export async function confirmAppointment(
  code: string,
  secret: string | null,
  location: Location | undefined,
  now: Date,
): Promise<AppointmentView> {
  if (location) requireInsideArea(location.latitude, location.longitude);
  return inTransaction(async (tx) => {
    const appointment = await authorize(code, secret, tx);
    if (appointment.status === "confirmed" || appointment.status === "checked_in") {
      if (appointment.confirmBy) return view(appointment, tx);
      throw new AppError("appointment_not_modifiable");
    }
    if (appointment.status === "expired" && appointment.confirmBy) throw new AppError("confirmation_window_closed");
    if (appointment.status !== "allocated" || !appointment.slotId) throw new AppError("appointment_not_modifiable");
    const port = await findPort(appointment.portId, tx);
    const slot = await readSlot(tx, appointment.slotId);
    if (!slot) throw new AppError("slot_not_found");
    const token = await signAppointmentToken(
      { code: appointment.code, portId: port.id, slot: slotClaims(slot, port), travelers: appointment.travelerCount },
      now,
    );
    const confirmed = await confirmAllocated(tx, appointment, token, now);
    if (!confirmed) throw new AppError("confirmation_window_closed");
    return view(confirmed, tx);
  });
}
