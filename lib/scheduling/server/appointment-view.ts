import "server-only";
import { getConfig } from "@/lib/server/config/env";
import type { AppointmentStatus } from "@/lib/server/db/schema";
import { drawDateFor, drawTimes, type DrawPortSettings } from "@/lib/draw/shared/schedule";
import type { PhotoStatus, TravelerPhotoState } from "@/lib/shared/schemas/statuses";
import { formatInstant } from "@/lib/shared/time/dates";

export type AppointmentView = {
  code: string;
  status: AppointmentStatus;
  portId: string;
  slot?: { id: string; start: string; end: string };
  /** Requested (draw ports): when the draw this request enters runs. */
  drawAt?: string;
  /** Allocated: the deadline to confirm the seats. */
  confirmBy?: string;
  /**
   * Requested (draw ports), an addition to the contract: the deadline to confirm that a place won
   * in this draw will have, if the draw runs on time, so the person knows when to look.
   */
  confirmByIfChosen?: string;
  travelers: TravelerView[];
  token: string;
};

/** A traveler as the API shows them: names, and where their photo stands. */
type TravelerView = { givenNames: string; familyNames: string; photo: TravelerPhotoState };

/** A stored photo's status as the API names it; no photo at all (never stored) is one to send. */
const PHOTO_STATE: Record<PhotoStatus, TravelerPhotoState> = { pending: "pending", ready: "ready", unreadable: "needs_new" };

type Parts = {
  appointment: {
    code: string;
    status: AppointmentStatus;
    portId: string;
    token: string;
    createdAt?: Date;
    confirmBy?: Date | null;
  };
  slot: { id: string; startsAt: Date; endsAt: Date } | null;
  timeZone: string;
  /** The port's draw settings, for draw ports. */
  port?: DrawPortSettings & { mode: "first-come" | "draw" };
  /** In order, each with its stored photo's status (null: none stored). */
  travelers: { givenNames: string; familyNames: string; photo: PhotoStatus | null }[];
};

/**
 * The appointment as the API shows it; `slot.id` is an addition to the contract for rescheduling.
 * A requested draw appointment shows `drawAt` (the draw it enters) instead of a slot; an allocated
 * one its slot and `confirmBy`.
 */
export function appointmentView({ appointment, slot, timeZone, port, travelers }: Parts): AppointmentView {
  const requested = appointment.status === "requested" && port?.mode === "draw" && appointment.createdAt;
  const allocated = appointment.status === "allocated" && appointment.confirmBy;
  return {
    code: appointment.code,
    status: appointment.status,
    portId: appointment.portId,
    ...(slot && {
      slot: { id: slot.id, start: formatInstant(slot.startsAt, timeZone), end: formatInstant(slot.endsAt, timeZone) },
    }),
    ...(requested && drawFields(port, appointment.createdAt!, timeZone)),
    ...(allocated && { confirmBy: formatInstant(appointment.confirmBy!, timeZone) }),
    travelers: travelers.map(({ givenNames, familyNames, photo }) => ({ givenNames, familyNames, photo: photo ? PHOTO_STATE[photo] : "needs_new" })),
    token: appointment.token,
  };
}

/** The draw a request enters, and the deadline a place won in it gets (lib/draw/server/run.ts). */
function drawFields(port: DrawPortSettings, requestedAt: Date, timeZone: string) {
  const { DRAW_LEAD_DAYS: lead, CONFIRM_WINDOW_HOURS: hours } = getConfig();
  const { drawAt } = drawTimes(port, drawDateFor(port, requestedAt, lead), lead);
  return {
    drawAt: formatInstant(drawAt, timeZone),
    confirmByIfChosen: formatInstant(new Date(drawAt.getTime() + hours * 3_600_000), timeZone),
  };
}
