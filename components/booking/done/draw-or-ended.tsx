"use client";
import type { SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { DrawEntry } from "@/components/appointment/draw-entry";
import { EndedNotice } from "@/components/appointment/ended-notice";
import { AppointmentFacts, MyAppointmentLink } from "./appointment-facts";

/**
 * No time to go to: a draw entry (when the draw runs, and the way out) or an appointment that has
 * ended (what it is, and what to do instead). No QR code, nothing that invites travel.
 */
export function DrawOrEnded({ saved, ended, onWithdrawn }: { saved: SavedAppointment; ended: boolean; onWithdrawn: (next: SavedAppointment["appointment"]) => void }) {
  return (
    <>
      {ended ? <EndedNotice saved={saved} /> : <DrawEntry saved={saved} onWithdrawn={onWithdrawn} />}
      <AppointmentFacts saved={saved} when={null} />
      <div className="no-print flex flex-wrap gap-4"><MyAppointmentLink /></div>
    </>
  );
}
