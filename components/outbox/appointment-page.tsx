"use client";
import { MyAppointment } from "@/components/booking/my-appointment";
import { DeviceApplications } from "./device-applications";
import { EraseEverything } from "./erase-everything";

/** "My appointment": applications not yet sent, then appointments, then the way to erase it all. */
export function AppointmentPage() {
  return (
    <>
      <DeviceApplications />
      <MyAppointment />
      <EraseEverything />
    </>
  );
}
