import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { listAppointments, saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import { appointment, OTHER_SLOT, PORT, SECRET } from "@/tests/mocks/handlers";
import { server } from "@/tests/mocks/server";
import { renderInLocale } from "@/tests/mocks/render";
import { MyAppointment } from "./my-appointment";

type Status = SavedAppointment["appointment"]["status"];

/** What the phone kept after booking, and the API answering that the appointment is now `status`. */
async function keptOnPhone(status: Status, extra: Partial<SavedAppointment["appointment"]> = {}) {
  const now = { ...appointment(status), ...extra } as SavedAppointment["appointment"];
  await saveAppointment({ appointment: { ...appointment("confirmed"), status: "confirmed" } as SavedAppointment["appointment"], secret: SECRET, port: { ...PORT }, savedAt: "2026-11-30T10:00:00-08:00" });
  server.use(
    http.get("*/api/v1/appointments/:code", ({ request }) =>
      request.headers.get("authorization") === `Bearer ${SECRET}`
        ? HttpResponse.json({ appointment: now })
        : HttpResponse.json({ error: { code: "appointment_not_found", message: "…" } }, { status: 404 }),
    ),
  );
}

const card = () => screen.findByRole("article", { name: new RegExp(`ABCDE-FGHJK`) });

describe("My appointment", () => {
  it("says so when the phone keeps no appointment", async () => {
    renderInLocale(<MyAppointment />);
    expect(await screen.findByText(en.appointment.empty)).toBeTruthy();
    expect(screen.getByRole("link", { name: en.appointment.start }).getAttribute("href")).toBe("/");
  });

  it("shows a confirmed appointment with its code, port and the ways to change or cancel it", async () => {
    await keptOnPhone("confirmed");
    renderInLocale(<MyAppointment />);
    const shown = await card();
    await waitFor(() => expect(within(shown).queryByText(en.appointment.checking)).toBeNull());
    expect(within(shown).getByText(en.appointment.status.confirmed)).toBeTruthy();
    expect(within(shown).getByText(PORT.address)).toBeTruthy();
    expect(within(shown).getByRole("button", { name: en.appointment.actions.cancel })).toBeTruthy();
    expect(within(shown).getByRole("button", { name: en.appointment.actions.chooseAnother })).toBeTruthy();
  });

  it("shows what the server says now, and keeps it on the phone for the next visit offline", async () => {
    await keptOnPhone("cancelled");
    renderInLocale(<MyAppointment />);
    const shown = await card();
    expect(await within(shown).findByRole("heading", { name: en.appointmentState.ended.cancelledTitle })).toBeTruthy();
    expect(within(shown).queryByRole("link", { name: en.appointment.showConfirmation })).toBeNull();
    expect(within(shown).getByRole("link", { name: en.appointmentState.ended.again })).toBeTruthy();
    // A cancelled appointment can be neither moved nor cancelled again.
    expect(within(shown).queryByRole("button", { name: en.appointment.actions.cancel })).toBeNull();
    await waitFor(async () => expect((await listAppointments())[0].appointment.status).toBe("cancelled"));
  });

  it("says when the port moved it: the new time shown, the old one named as no longer valid", async () => {
    await keptOnPhone("confirmed", { slot: { id: OTHER_SLOT.id, start: OTHER_SLOT.start, end: OTHER_SLOT.end } });
    renderInLocale(<MyAppointment />);
    const shown = await card();
    expect(await within(shown).findByRole("heading", { name: en.appointmentState.moved.title })).toBeTruthy();
    expect(within(shown).getByText(/^The old time, .*8:00.*, is no longer valid\.$/)).toBeTruthy();
  });

  it("offers to confirm a place won in the draw, with its deadline, in Arabic", async () => {
    await keptOnPhone("allocated", { confirmBy: "2026-11-30T18:00:00-08:00" });
    renderInLocale(<MyAppointment />, "ar");
    const shown = await card();
    expect(await within(shown).findByText(ar.appointment.status.allocated)).toBeTruthy();
    expect(within(shown).getByRole("button", { name: ar.appointment.actions.confirm })).toBeTruthy();
    expect(within(shown).queryByRole("button", { name: ar.appointment.actions.cancel })).toBeNull();

    await userEvent.setup().click(within(shown).getByRole("button", { name: ar.appointment.actions.confirm }));
    expect(await within(shown).findByText(ar.appointment.confirmed)).toBeTruthy();
    expect(within(shown).getByText(ar.appointment.status.confirmed)).toBeTruthy();
  });

  it("without a connection, shows what the phone kept and says it may be old", async () => {
    await keptOnPhone("confirmed");
    server.use(http.get("*/api/v1/appointments/:code", () => HttpResponse.error()));
    renderInLocale(<MyAppointment />);
    const shown = await card();
    expect(await within(shown).findByText(en.appointment.offline)).toBeTruthy();
    expect(within(shown).getByText(en.appointment.status.confirmed)).toBeTruthy();
  });
});
