import "server-only";
import type { Tx } from "@/lib/server/db/connection";
import { canonicalCode, hashSecret, secretMatches } from "@/lib/server/crypto/secrets";
import { AppError } from "@/lib/shared/errors/app-error";
import { appointmentView, type AppointmentView } from "./appointment-view";
import { readAppointmentByCode, readAppointmentParts, type Appointment } from "./data/appointments";

// Compared against when the code is unknown, so a wrong code and a wrong secret take equally long.
const decoyHash = hashSecret("puerta:no-such-appointment");

/**
 * The appointment behind a code, if the bearer secret matches; in a transaction its row stays
 * locked until the transaction ends. An unknown code and a wrong or missing secret are the same
 * answer: nobody can learn which codes exist.
 */
export async function authorize(rawCode: string, secret: string | null, tx?: Tx): Promise<Appointment> {
  const code = canonicalCode(rawCode);
  const row = await readAppointmentByCode(code ?? "", tx);
  const matches = secretMatches(secret ?? "", row?.secretHash ?? decoyHash);
  if (!row || !secret || !matches) throw new AppError("appointment_not_found");
  return row;
}

/** The appointment as the API shows it, read in `tx` when given. */
export async function view(appointment: Appointment, tx?: Tx): Promise<AppointmentView> {
  const { port, slot, travelers } = await readAppointmentParts(appointment, tx);
  return appointmentView({ appointment, slot, timeZone: port.timeZone, port, travelers });
}
