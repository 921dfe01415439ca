import { createStore, get, update, type UseStore } from "idb-keyval";
import type { z } from "zod";
import type { appointmentSchema, portSchema } from "@/lib/api/response-schemas";

export type SavedAppointment = {
  appointment: z.infer<typeof appointmentSchema>;
  /** The bearer secret: only on this device, needed to see, change or cancel the appointment. */
  secret: string;
  port: z.infer<typeof portSchema>;
  savedAt: string;
  /** What the printed record shows of the answers, sensitive values masked. */
  record?: {
    travelers: { name: string; dateOfBirth: string; nationality: string; document: string }[];
    phone: string;
    email: string;
  };
};

let store: UseStore | undefined;
const db = () => (store ??= createStore("puerta-appointments", "appointments"));
const KEY = "appointments";

export async function listAppointments(): Promise<SavedAppointment[]> {
  return (await get<SavedAppointment[]>(KEY, db())) ?? [];
}

/** Replaces or adds one appointment in a single IndexedDB transaction, so saves cannot race. */
export async function saveAppointment(saved: SavedAppointment): Promise<void> {
  await update<SavedAppointment[]>(
    KEY,
    (all = []) => {
      const index = all.findIndex((a) => a.appointment.code === saved.appointment.code);
      return index < 0 ? [saved, ...all] : all.map((a, i) => (i === index ? saved : a));
    },
    db(),
  );
}
