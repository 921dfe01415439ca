import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor, Tx } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";
import { appointmentEvents, appointments, photos, ports, slots, travelers, type AppointmentStatus } from "@/lib/server/db/schema";
import type { PhotoStatus } from "@/lib/shared/schemas/statuses";
import type { Port } from "./ports";
import type { Slot } from "./slots";

export type Appointment = typeof appointments.$inferSelect;

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return (await getDb()).transaction(work);
}

/** The appointment with this (canonical) code; in a transaction its row is locked until it ends. */
export async function readAppointmentByCode(code: string, tx?: Tx): Promise<Appointment | undefined> {
  const db = tx ?? (await getDb());
  const query = db.select().from(appointments).where(eq(appointments.code, code));
  const [row] = tx ? await query.for("update") : await query;
  return row;
}

type AppointmentParts = {
  port: Port;
  slot: Slot | null;
  travelers: { position: number; givenNames: string; familyNames: string; photo: PhotoStatus | null }[];
};

/**
 * What showing an appointment needs besides its row: its port, its slot, and its travelers in
 * order, each with the status of their photo (read with the names, in the same query).
 */
export async function readAppointmentParts(appointment: Appointment, tx?: Executor): Promise<AppointmentParts> {
  const db = tx ?? (await getDb());
  const [port] = await db.select().from(ports).where(eq(ports.id, appointment.portId));
  const [slot] = appointment.slotId ? await db.select().from(slots).where(eq(slots.id, appointment.slotId)) : [];
  const people = await db
    .select({ position: travelers.position, givenNames: travelers.givenNames, familyNames: travelers.familyNames, photo: photos.status })
    .from(travelers)
    .leftJoin(photos, and(eq(photos.appointmentId, travelers.appointmentId), eq(photos.position, travelers.position)))
    .where(eq(travelers.appointmentId, appointment.id))
    .orderBy(asc(travelers.position));
  return { port, slot: slot ?? null, travelers: people };
}

/** Its travelers no longer count against the one-active-appointment rule. */
export async function deactivateTravelers(tx: Tx, appointmentId: string): Promise<void> {
  await tx.update(travelers).set({ active: false }).where(eq(travelers.appointmentId, appointmentId));
}

export async function setStatus(tx: Tx, appointment: Appointment, status: AppointmentStatus, slotId: string | null, now: Date): Promise<Appointment> {
  const [updated] = await tx
    .update(appointments)
    .set({ status, updatedAt: now })
    .where(eq(appointments.id, appointment.id))
    .returning();
  await tx.insert(appointmentEvents).values({ appointmentId: appointment.id, status, slotId, at: now });
  return updated;
}

/** Puts the appointment in another slot with its new token, and records the move. */
export async function moveAppointment(tx: Tx, appointment: Appointment, slotId: string, token: string, now: Date): Promise<Appointment> {
  const [moved] = await tx
    .update(appointments)
    .set({ slotId, token, updatedAt: now })
    .where(eq(appointments.id, appointment.id))
    .returning();
  await tx.insert(appointmentEvents).values({ appointmentId: moved.id, status: moved.status, slotId, at: now });
  return moved;
}

/**
 * Confirms an allocated appointment only while its window is open, as the database sees it:
 * `UPDATE … WHERE status = 'allocated' AND confirm_by > now`. Undefined when it was not.
 */
export async function confirmAllocated(tx: Tx, appointment: Appointment, token: string, now: Date): Promise<Appointment | undefined> {
  const [confirmed] = await tx
    .update(appointments)
    .set({ status: "confirmed", token, updatedAt: now })
    .where(and(eq(appointments.id, appointment.id), eq(appointments.status, "allocated"), sql`${appointments.confirmBy} > ${now}`))
    .returning();
  if (!confirmed) return undefined;
  await tx.insert(appointmentEvents).values({ appointmentId: confirmed.id, status: "confirmed", slotId: confirmed.slotId, at: now });
  return confirmed;
}
