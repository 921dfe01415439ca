"use client";
import { MyAppointment } from "./my-appointment";
import { DeviceApplications } from "@/components/outbox/device-applications";
import { EraseEverything } from "./erase-everything";
import { useOutbox } from "@/components/outbox/use-outbox";

/** "My appointment": applications not yet sent, then appointments, then the way to erase it all. */
export function AppointmentPage() {
  // An application delivered while the page is open becomes an appointment: the list reads again.
  const sent = (useOutbox() ?? []).filter((e) => e.state === "sent").length;
  return (
    <>
      <DeviceApplications />
      <MyAppointment key={sent} />
      <EraseEverything />
    </>
  );
}
