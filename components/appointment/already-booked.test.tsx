import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { emptyDraft, newTraveler, type Draft } from "@/lib/scheduling/client/draft";
import en from "@/messages/en.json";
import { appointment, PORT, SECRET } from "@/tests/mocks/handlers";
import { renderInLocale } from "@/tests/mocks/render";
import { AlreadyBooked } from "./already-booked";

const fill = (message: string, values: Record<string, string>) => message.replace(/\{(\w+)\}/g, (_, k: string) => values[k]);

function draftOf(...names: [string, string][]): Draft {
  return { ...emptyDraft(), travelers: names.map(([givenNames, familyNames], i) => ({ ...newTraveler(`t${i}`), givenNames, familyNames })) };
}

describe("a person who already has an appointment", () => {
  it("links to the appointment on this phone that holds them, matched as the server matches names", async () => {
    // Saved as "Ana Pérez"; typed again as "ÁNA perez".
    await saveAppointment({ appointment: appointment("confirmed") as SavedAppointment["appointment"], secret: SECRET, port: { ...PORT }, savedAt: "2026-11-30T10:00:00-08:00" });
    renderInLocale(<AlreadyBooked issues={[{ path: "travelers.1" }]} draft={draftOf(["Luis", "Gómez"], ["ÁNA", "perez"])} />);
    const d = en.appointmentState.duplicate;
    expect(screen.getByRole("heading", { name: fill(d.title, { name: "ÁNA perez" }) })).toBeTruthy();
    const open = await screen.findByRole("link", { name: fill(d.open, { name: "ÁNA perez", code: "ABCDE-FGHJK" }) });
    expect(open.getAttribute("href")).toBe("/appointment#appointment-ABCDE-FGHJK");
    // The others may still go: the one already booked can be taken off this application.
    expect(screen.getByRole("link", { name: fill(d.remove, { name: "ÁNA perez" }) }).getAttribute("href")).toBe("/book/travelers?return=check");
    expect(screen.queryByRole("link", { name: /Luis/ })).toBeNull();
  });

  it("not on this phone: says to open it where it was made, and links nowhere near the name", async () => {
    renderInLocale(<AlreadyBooked issues={[{ path: "travelers.0" }]} draft={draftOf(["Marie", "Joseph"])} />);
    expect(await screen.findByText(en.appointmentState.duplicate.elsewhere)).toBeTruthy();
    expect(screen.queryAllByRole("link")).toHaveLength(0);
  });
});
