import type { AppointmentStatus } from "@/lib/db/schema";
import { formatInstant } from "./time";

export type AppointmentView = {
  code: string;
  status: AppointmentStatus;
  portId: string;
  slot?: { id: string; start: string; end: string };
  travelers: { givenNames: string; familyNames: string }[];
  token: string;
};

type Parts = {
  appointment: { code: string; status: AppointmentStatus; portId: string; token: string };
  slot: { id: string; startsAt: Date; endsAt: Date } | null;
  timeZone: string;
  travelers: { givenNames: string; familyNames: string }[];
};

/** The appointment as the API shows it; `slot.id` is an addition to the contract for rescheduling. */
export function appointmentView({ appointment, slot, timeZone, travelers }: Parts): AppointmentView {
  return {
    code: appointment.code,
    status: appointment.status,
    portId: appointment.portId,
    ...(slot && {
      slot: { id: slot.id, start: formatInstant(slot.startsAt, timeZone), end: formatInstant(slot.endsAt, timeZone) },
    }),
    travelers: travelers.map(({ givenNames, familyNames }) => ({ givenNames, familyNames })),
    token: appointment.token,
  };
}
