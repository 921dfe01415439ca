import "client-only";
import { createStore, del, get, set, type UseStore } from "idb-keyval";
import type { z } from "zod";
import type { portSchema } from "@/lib/shared/schemas/responses";
import { decryptJson, encryptJson, type Sealed } from "@/lib/client/device/device-crypto";
import { withLock } from "@/lib/client/device/lock";
import type { ClientAppointment } from "./api-schemas";

export type SavedAppointment = {
  appointment: ClientAppointment;
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

type PhotoState = NonNullable<ClientAppointment["travelers"][number]["photo"]>;

/** A traveler's photo state; cards saved before the server said (and older servers) mean ready. */
export const photoState = (traveler: { photo?: PhotoState }): PhotoState => traveler.photo ?? "ready";

/**
 * The confirmation cards kept on the phone: names, codes and bearer secrets, so the whole list is
 * stored encrypted under the device key (lib/client/device/device-crypto.ts), never in the clear.
 */
let store: UseStore | undefined;
const db = () => (store ??= createStore("puerta-appointments", "appointments"));
const KEY = "appointments";

export async function listAppointments(): Promise<SavedAppointment[]> {
  const sealed = await get<Sealed>(KEY, db());
  if (!sealed) return [];
  try {
    return await decryptJson<SavedAppointment[]>(sealed);
  } catch {
    return [];
  }
}

/** Replaces or adds one appointment; saves from tabs and the service worker never overwrite each other. */
export function saveAppointment(saved: SavedAppointment): Promise<void> {
  return withLock("puerta-appointments", async () => {
    const all = await listAppointments();
    const index = all.findIndex((a) => a.appointment.code === saved.appointment.code);
    const next = index < 0 ? [saved, ...all] : all.map((a, i) => (i === index ? saved : a));
    await set(KEY, await encryptJson(next), db());
  });
}

export async function eraseAppointments(): Promise<void> {
  await del(KEY, db());
}

/** Whether the person gave a phone number or e-mail with this appointment (unknown: none said). */
export const contactGiven = (saved: SavedAppointment): boolean => !!(saved.record?.phone || saved.record?.email);

// As the server compares people (lib/scheduling/server/person-key.ts): case, accents, punctuation
// and spacing set aside, so "JOSÉ  María" on the phone matches "jose maria" in the draft.
const sameName = (name: string) =>
  name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[\p{P}\p{Zs}\s]+/gu, " ").trim();

// Kept first: an appointment that still holds its people (the saved status may be a little old).
const HOLDS_PEOPLE = new Set(["requested", "allocated", "confirmed", "not_selected"]);

/**
 * The appointment saved on this phone that holds this person, found by name here on the phone:
 * the server refuses a second booking without saying whose appointment is in the way.
 */
export function appointmentHolding(
  all: SavedAppointment[],
  person: { givenNames: string; familyNames: string },
): SavedAppointment | undefined {
  const wanted = `${sameName(person.givenNames)}|${sameName(person.familyNames)}`;
  const matches = all.filter((s) => s.appointment.travelers.some((t) => `${sameName(t.givenNames)}|${sameName(t.familyNames)}` === wanted));
  return matches.find((s) => HOLDS_PEOPLE.has(s.appointment.status)) ?? matches[0];
}
