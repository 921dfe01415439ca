import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";

type Status = SavedAppointment["appointment"]["status"];

/**
 * What an appointment is good for, which decides what its pages show: only a `valid` one has a QR
 * code, a time to go and things to bring; a `draw` entry has a draw and a way to leave it; an
 * `ended` one says so first and offers a new request.
 */
type Phase = "valid" | "allocated" | "draw" | "ended" | "arrived";

const PHASE: Record<Status, Phase> = {
  confirmed: "valid",
  allocated: "allocated",
  requested: "draw",
  not_selected: "draw",
  cancelled: "ended",
  expired: "ended",
  checked_in: "arrived",
};

export const phaseOf = (status: Status): Phase => PHASE[status];
