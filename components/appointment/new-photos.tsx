"use client";
import { useState } from "react";
import { photoState, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import type { Appointment } from "./appointment-actions";
import { NewPhoto } from "./new-photo";

// The contract takes a new photo only while the appointment can still be used.
const ACTIVE = new Set<Appointment["status"]>(["requested", "allocated", "confirmed"]);

/** Whether the photos of an appointment in this status still matter (and can be sent again). */
export const photosMatter = (status: Appointment["status"]) => ACTIVE.has(status);

/**
 * Every traveler of one appointment whose photo must be sent again, one open at a time. A photo
 * just sent keeps its box, now saying it was received, even though the traveler no longer needs one.
 */
export function NewPhotos({ saved, onUpdated }: { saved: SavedAppointment; onUpdated: (appointment: Appointment) => void }) {
  const { travelers, status } = saved.appointment;
  const [sent, setSent] = useState<ReadonlySet<number>>(new Set());
  const [chosenOpen, setChosenOpen] = useState<number | null>(null);
  if (!photosMatter(status)) return null;

  const needing = travelers.flatMap((traveler, i) => (photoState(traveler) === "needs_new" && !sent.has(i) ? [i] : []));
  const shown = travelers.flatMap((traveler, i) => (photoState(traveler) === "needs_new" || sent.has(i) ? [i] : []));
  // The one the person opened, else the first still waiting for a photo.
  const open = chosenOpen !== null && needing.includes(chosenOpen) ? chosenOpen : (needing[0] ?? null);

  return (
    <>
      {shown.map((i) => (
        <NewPhoto
          key={i}
          saved={saved}
          index={i}
          open={open === i}
          onOpen={() => setChosenOpen(i)}
          onSent={(appointment) => {
            setSent((before) => new Set(before).add(i));
            setChosenOpen(null);
            onUpdated(appointment);
          }}
        />
      ))}
    </>
  );
}
