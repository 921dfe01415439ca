import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { signAppointmentToken } from "./appointment-token";
import { canonicalCode, hashSecret, secretMatches } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/database";
import type { Executor, Tx } from "@/lib/server/db/connection";
import { appointmentEvents, appointments, ports, slots, travelers, type AppointmentStatus } from "@/lib/server/db/schema";
import { AppError } from "@/lib/shared/errors/app-error";
import { appointmentView, type AppointmentView } from "./appointment-view";
import { slotClaims } from "./book";
import { findAlternatives, portWindow } from "./data";
import { isBookable } from "./booking-window";

type Appointment = typeof appointments.$inferSelect;

// Compared against when the code is unknown, so a wrong code and a wrong secret take equally long.
const decoyHash = hashSecret("puerta:no-such-appointment");

/** Statuses that hold seats or a place in the draw, and so can still be cancelled. */
const ACTIVE: AppointmentStatus[] = ["requested", "not_selected", "allocated", "confirmed"];

/**
 * The appointment behind a code, if the bearer secret matches. An unknown code and a wrong or
 * missing secret are the same answer: nobody can learn which codes exist.
 */
async function authorize(db: Executor, rawCode: string, secret: string | null, lock: boolean): Promise<Appointment> {
  const code = canonicalCode(rawCode);
  const query = db.select().from(appointments).where(eq(appointments.code, code ?? ""));
  const [row] = lock ? await query.for("update") : await query;
  const matches = secretMatches(secret ?? "", row?.secretHash ?? decoyHash);
  if (!row || !secret || !matches) throw new AppError("appointment_not_found");
  return row;
}

async function view(db: Executor, appointment: Appointment): Promise<AppointmentView> {
  const [port] = await db.select().from(ports).where(eq(ports.id, appointment.portId));
  const [slot] = appointment.slotId ? await db.select().from(slots).where(eq(slots.id, appointment.slotId)) : [];
  const people = await db
    .select({ givenNames: travelers.givenNames, familyNames: travelers.familyNames })
    .from(travelers)
    .where(eq(travelers.appointmentId, appointment.id))
    .orderBy(asc(travelers.position));
  return appointmentView({ appointment, slot: slot ?? null, timeZone: port.timeZone, port, travelers: people });
}

export async function getAppointment(code: string, secret: string | null): Promise<AppointmentView> {
  const db = await getDb();
  return view(db, await authorize(db, code, secret, false));
}

/** Cancels and frees the seats in the same transaction; cancelling twice answers the same. */
export async function cancelAppointment(code: string, secret: string | null, now: Date): Promise<AppointmentView> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const appointment = await authorize(tx, code, secret, true);
    if (appointment.status === "cancelled") return view(tx, appointment);
    if (!ACTIVE.includes(appointment.status)) throw new AppError("appointment_not_modifiable");
    if (appointment.slotId && (appointment.status === "allocated" || appointment.status === "confirmed")) {
      await releaseSeats(tx, appointment.slotId, appointment.travelerCount);
    }
    await tx.update(travelers).set({ active: false }).where(eq(travelers.appointmentId, appointment.id));
    const updated = await setStatus(tx, appointment, "cancelled", appointment.slotId, now);
    return view(tx, updated);
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
  const db = await getDb();
  return db.transaction(async (tx) => {
    const appointment = await authorize(tx, code, secret, true);
    if (appointment.status !== "confirmed") throw new AppError("appointment_not_modifiable");
    if (appointment.slotId === slotId) return view(tx, appointment);
    const [port] = await tx.select().from(ports).where(eq(ports.id, appointment.portId));
    // Seats at a draw port are given by the draw only: moving to another slot would bypass it.
    if (port.mode === "draw") throw new AppError("appointment_not_modifiable");
    const [target] = await tx.select().from(slots).where(and(eq(slots.id, slotId), eq(slots.portId, port.id)));
    if (!target) throw new AppError("slot_not_found");
    const seats = appointment.travelerCount;
    const alternatives = () => findAlternatives(tx, port, target.startsAt, seats, now);
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
      const taken = await tx
        .update(slots)
        .set({ booked: sql`${slots.booked} + ${seats}` })
        .where(and(eq(slots.id, step.id), sql`${slots.booked} + ${seats} <= ${slots.capacity}`))
        .returning({ id: slots.id });
      if (taken.length === 0) throw new AppError("slot_full", { details: { alternatives: await alternatives() } });
    }
    const token = await signAppointmentToken(
      { code: appointment.code, portId: port.id, slot: slotClaims(target, port), travelers: seats },
      now,
    );
    const [moved] = await tx
      .update(appointments)
      .set({ slotId: target.id, token, updatedAt: now })
      .where(eq(appointments.id, appointment.id))
      .returning();
    await tx.insert(appointmentEvents).values({ appointmentId: moved.id, status: moved.status, slotId: target.id, at: now });
    return view(tx, moved);
  });
}

async function releaseSeats(tx: Tx, slotId: string, seats: number) {
  await tx.update(slots).set({ booked: sql`${slots.booked} - ${seats}` }).where(eq(slots.id, slotId));
}

async function setStatus(tx: Tx, appointment: Appointment, status: AppointmentStatus, slotId: string | null, now: Date) {
  const [updated] = await tx
    .update(appointments)
    .set({ status, updatedAt: now })
    .where(eq(appointments.id, appointment.id))
    .returning();
  await tx.insert(appointmentEvents).values({ appointmentId: appointment.id, status, slotId, at: now });
  return updated;
}

/**
 * Confirms seats allocated by a draw. The deadline is decided by the database: the status changes
 * only through `UPDATE … WHERE status = 'allocated' AND confirm_by > now`, so a confirmation racing
 * the expiry either wins entirely or finds the window closed. Confirming twice answers the same.
 */
export async function confirmAppointment(code: string, secret: string | null, now: Date): Promise<AppointmentView> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const appointment = await authorize(tx, code, secret, true);
    if (appointment.status === "confirmed" || appointment.status === "checked_in") {
      if (appointment.confirmBy) return view(tx, appointment);
      throw new AppError("appointment_not_modifiable");
    }
    if (appointment.status === "expired" && appointment.confirmBy) throw new AppError("confirmation_window_closed");
    if (appointment.status !== "allocated" || !appointment.slotId) throw new AppError("appointment_not_modifiable");
    const [port] = await tx.select().from(ports).where(eq(ports.id, appointment.portId));
    const [slot] = await tx.select().from(slots).where(eq(slots.id, appointment.slotId));
    const token = await signAppointmentToken(
      { code: appointment.code, portId: port.id, slot: slotClaims(slot, port), travelers: appointment.travelerCount },
      now,
    );
    const [confirmed] = await tx
      .update(appointments)
      .set({ status: "confirmed", token, updatedAt: now })
      .where(and(eq(appointments.id, appointment.id), eq(appointments.status, "allocated"), sql`${appointments.confirmBy} > ${now}`))
      .returning();
    if (!confirmed) throw new AppError("confirmation_window_closed");
    await tx.insert(appointmentEvents).values({ appointmentId: confirmed.id, status: "confirmed", slotId: confirmed.slotId, at: now });
    return view(tx, confirmed);
  });
}
