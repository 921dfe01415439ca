import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { listAppointments, saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import en from "@/messages/en.json";
import { appointment, OTHER_SLOT, PORT, SECRET } from "@/tests/mocks/handlers";
import { location } from "@/tests/mocks/navigation";
import { server } from "@/tests/mocks/server";
import { renderInLocale } from "@/tests/mocks/render";
import { Confirmation } from "./confirmation";

type Appointment = SavedAppointment["appointment"];

/** The phone kept the appointment as booked; the server now says `now`. */
async function kept(now: Partial<Appointment>, before: Partial<Appointment> = {}) {
  await saveAppointment({ appointment: { ...appointment("confirmed"), ...before } as Appointment, secret: SECRET, port: { ...PORT }, savedAt: "2026-11-30T10:00:00-08:00" });
  server.use(http.get("*/api/v1/appointments/:code", () => HttpResponse.json({ appointment: { ...appointment("confirmed"), ...now } })));
}

const qr = () => screen.queryByRole("img", { name: /ABCDE-FGHJK/ });
/** The page's one heading: it follows the appointment's status. */
const title = () => screen.getByRole("heading", { level: 1 }).textContent;

beforeEach(() => {
  location.search = new URLSearchParams({ code: "ABCDE-FGHJK" });
});

describe("the confirmation page", () => {
  it("a confirmed appointment: the QR code, what to bring, print and calendar", async () => {
    await kept({});
    renderInLocale(<Confirmation />);
    expect(await screen.findByText(en.done.statusConfirmed)).toBeTruthy();
    expect(title()).toBe(en.done.title);
    expect(qr()).toBeTruthy();
    expect(screen.getByText(en.done.bringTitle)).toBeTruthy();
    expect(screen.getByRole("button", { name: en.done.calendar })).toBeTruthy();
  });

  it("cancelled since (the server says so): no QR code, no travel, a new appointment offered, and kept so on the phone", async () => {
    await kept({ status: "cancelled" });
    renderInLocale(<Confirmation />);
    expect(await screen.findByRole("heading", { name: en.appointmentState.ended.cancelledTitle })).toBeTruthy();
    // The page's heading no longer says the request was sent.
    expect(title()).toBe(en.done.titleCancelled);
    expect(qr()).toBeNull();
    expect(screen.queryByText(en.done.bringTitle)).toBeNull();
    expect(screen.queryByText(en.done.nextBody)).toBeNull();
    expect(screen.queryByRole("button", { name: en.done.print })).toBeNull();
    expect(screen.getByRole("link", { name: en.appointmentState.ended.again }).getAttribute("href")).toBe("/");
    await waitFor(async () => expect((await listAppointments())[0].appointment.status).toBe("cancelled"));
  });

  it("expired: says so, with no QR code", async () => {
    await kept({ status: "expired" });
    renderInLocale(<Confirmation />);
    expect(await screen.findByRole("heading", { name: en.appointmentState.ended.expiredTitle })).toBeTruthy();
    expect(title()).toBe(en.done.titleExpired);
    expect(qr()).toBeNull();
  });

  it("not on this phone: the heading as sent, and the way to My appointment", async () => {
    location.search = new URLSearchParams({ code: "ZZZZZ-ZZZZZ" });
    renderInLocale(<Confirmation />);
    expect(await screen.findByText(en.done.notFound)).toBeTruthy();
    expect(title()).toBe(en.done.title);
  });

  it("moved by the port: the new time first, the old one named as no longer valid", async () => {
    await kept({ slot: { id: OTHER_SLOT.id, start: OTHER_SLOT.start, end: OTHER_SLOT.end } });
    renderInLocale(<Confirmation />);
    expect(await screen.findByRole("heading", { name: en.appointmentState.moved.title })).toBeTruthy();
    expect(screen.getByText(/^New time: .*8:30/)).toBeTruthy();
    expect(screen.getByText(/^The old time, .*8:00.*, is no longer valid\.$/)).toBeTruthy();
    expect(qr()).toBeTruthy();
  });

  it("a place won in the draw, not confirmed yet: its deadline and the way to confirm, no QR code", async () => {
    await kept({ status: "allocated", confirmBy: "2026-11-30T18:00:00-08:00" });
    renderInLocale(<Confirmation />);
    expect(await screen.findByRole("heading", { name: en.done.allocatedTitle })).toBeTruthy();
    expect(screen.getByText(/^Confirm before .*6:00/)).toBeTruthy();
    expect(screen.getByRole("link", { name: en.done.confirmPlace }).getAttribute("href")).toBe("/appointment");
    expect(qr()).toBeNull();
  });

  it("a draw entry with no contact given: an entry, not an appointment; no message promised", async () => {
    const entry = { status: "requested", slot: undefined, drawAt: "2026-11-30T19:00:00-06:00", confirmByIfChosen: "2026-12-01T18:00:00-06:00" } as Partial<Appointment>;
    await kept(entry, entry);
    renderInLocale(<Confirmation />);
    expect(await screen.findByRole("heading", { name: en.appointmentState.draw.inTitle })).toBeTruthy();
    expect(screen.getByText(en.appointmentState.draw.entryLabel)).toBeTruthy();
    expect(screen.queryByText(en.done.codeLabel)).toBeNull();
    expect(screen.getByText(en.appointmentState.draw.resultNoContact)).toBeTruthy();
    expect(screen.getByRole("button", { name: en.appointmentState.draw.withdraw })).toBeTruthy();
    expect(title()).toBe(en.done.title);
    expect(qr()).toBeNull();
  });

  it("leaving the draw: the heading says the request was withdrawn, and the focus lands on the outcome", async () => {
    const entry = { status: "requested", slot: undefined, drawAt: "2026-11-30T19:00:00-06:00" } as Partial<Appointment>;
    await kept(entry, entry);
    server.use(http.delete("*/api/v1/appointments/:code", () => HttpResponse.json({ appointment: { ...appointment("cancelled"), slot: undefined }, status: "cancelled" })));
    const user = userEvent.setup();
    renderInLocale(<Confirmation />);
    await user.click(await screen.findByRole("button", { name: en.appointmentState.draw.withdraw }));
    await user.click(screen.getByRole("button", { name: en.appointmentState.draw.withdrawYes }));
    const outcome = await screen.findByRole("heading", { name: en.appointmentState.ended.withdrawnTitle });
    expect(title()).toBe(en.done.titleWithdrawn);
    await waitFor(() => expect(document.activeElement).toBe(outcome));
  });
});
