import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { emptyDraft, newTraveler, type Draft } from "@/lib/scheduling/client/draft";
import { loadDraft, saveDraft } from "@/lib/scheduling/client/draft-store";
import { formatTimeRange } from "@/lib/scheduling/client/format-slot";
import es from "@/messages/es.json";
import { OTHER_SLOT, PORT, SLOT } from "@/tests/mocks/handlers";
import { renderInLocale } from "@/tests/mocks/render";
import { server } from "@/tests/mocks/server";
import { PortStep } from "./port-step";

const family = (size: number): Draft => ({
  ...emptyDraft(),
  attestations: ["in_mexico"],
  travelers: Array.from({ length: size }, (_, i) => ({ ...newTraveler(`t${i}`, "es"), givenNames: `Persona ${i}` })),
  contact: { phone: "+52 664 123 4567", email: "" },
});

const timeOf = (slot: { start: string; end: string }) => formatTimeRange(slot.start, slot.end, "es", PORT.timeZone);

async function openFirstDay() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("radio", { name: new RegExp(PORT.name) }));
  const days = await screen.findByRole("group", { name: es.slots.dayLegend });
  await user.click(within(days).getAllByRole("button")[0]);
  return user;
}

describe("the port and date step", () => {
  it("asks its question before the ports arrive, then lists them from the API", async () => {
    await saveDraft(family(1));
    renderInLocale(<PortStep />, "es");
    // First render: the question and a loading note (what the server's HTML shows), no list yet.
    expect(screen.getByRole("group", { name: es.port.portLegend })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe(es.port.loading);
    expect(await screen.findByRole("radio", { name: new RegExp(PORT.name) })).toBeTruthy();
    expect(screen.queryByText(es.port.loading)).toBeNull();
  });

  it("shows the ports of the server's HTML at once, then takes the API's list when it differs", async () => {
    await saveDraft(family(1));
    // A page stored on the device days ago: it still lists a port that has since closed.
    const stale = { ...PORT, id: "closed-port", name: "Puerto Cerrado" };
    renderInLocale(<PortStep initialPorts={[stale, PORT]} />, "es");
    // First render: the list itself, no loading note (nothing waits for a script or a request).
    expect(screen.getByRole("radio", { name: /Puerto Cerrado/ })).toBeTruthy();
    expect(screen.queryByText(es.port.loading)).toBeNull();
    await waitFor(() => expect(screen.queryByRole("radio", { name: /Puerto Cerrado/ })).toBeNull());
    expect(screen.getByRole("radio", { name: new RegExp(PORT.name) })).toBeTruthy();
  });

  it("keeps the server's ports when the refresh fails, without an error", async () => {
    server.use(http.get("*/api/v1/ports", () => HttpResponse.error()));
    await saveDraft(family(1));
    let refreshed = false;
    const seen = ({ request }: { request: Request }) => {
      if (new URL(request.url).pathname === "/api/v1/ports") refreshed = true;
    };
    server.events.on("request:start", seen);
    try {
      renderInLocale(<PortStep initialPorts={[PORT]} />, "es");
      await waitFor(() => expect(refreshed).toBe(true));
      // Give the failed answer time to arrive: the list must still be there, and no alert.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(screen.getByRole("radio", { name: new RegExp(PORT.name) })).toBeTruthy();
      expect(screen.queryByRole("alert")).toBeNull();
    } finally {
      server.events.removeListener("request:start", seen);
    }
  });

  it("shows each free time with the seats left, and saves the chosen one in the draft", async () => {
    await saveDraft(family(1));
    renderInLocale(<PortStep />, "es");
    const user = await openFirstDay();

    const first = await screen.findByRole("radio", { name: new RegExp(timeOf(SLOT)) });
    expect(first.closest("label")?.textContent).toContain("3");
    expect(screen.getByRole("radio", { name: new RegExp(timeOf(OTHER_SLOT)) }).closest("label")?.textContent).toContain("9");

    await user.click(first);
    await waitFor(async () => expect((await loadDraft()).slot?.id).toBe(SLOT.id));
    const saved = await loadDraft();
    expect(saved.portId).toBe(PORT.id);
    expect(saved.port?.timeZone).toBe(PORT.timeZone);
    // Choosing a time keeps every other answer.
    expect(saved.travelers.map((t) => t.givenNames)).toEqual(["Persona 0"]);
    expect(saved.contact.phone).toBe("+52 664 123 4567");
  });

  it("asks for the days it shows on the port's own calendar, so every phone at the port asks the same range", async () => {
    // 05:00 UTC on 1 December is still 30 November, 21:00, in San Ysidro: tomorrow there is 1 December.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T05:00:00Z") });
    let asked: Request | undefined;
    server.use(http.get("*/api/v1/ports/:portId/availability", ({ request }) => void (asked = request)));
    try {
      await saveDraft(family(1));
      renderInLocale(<PortStep />, "es");
      await openFirstDay();
    } finally {
      vi.useRealTimers();
    }
    const url = new URL(asked!.url);
    expect(url.pathname).toBe(`/api/v1/ports/${PORT.id}/availability`);
    expect(url.search).toBe("?from=2026-12-01&to=2026-12-14");
  });

  it("offers only times with a seat for every traveler", async () => {
    // SLOT has 3 seats left, OTHER_SLOT 9: a family of four fits only in the second.
    await saveDraft(family(4));
    renderInLocale(<PortStep />, "es");
    await openFirstDay();
    expect(await screen.findByRole("radio", { name: new RegExp(timeOf(OTHER_SLOT)) })).toBeTruthy();
    expect(screen.queryByRole("radio", { name: new RegExp(timeOf(SLOT)) })).toBeNull();
  });

  it("names each crossing with its Mexican city and lists the nearest first, with the distance", async () => {
    const EL_PASO = { ...PORT, id: "el-paso", name: "El Paso", state: "TX", timeZone: "America/Denver", mexicanCity: "Ciudad Juárez", latitude: 31.7486, longitude: -106.4869 };
    const SAN_YSIDRO = { ...PORT, mexicanCity: "Tijuana", latitude: 32.5422, longitude: -117.0297 };
    server.use(http.get("*/api/v1/ports", () => HttpResponse.json({ ports: [SAN_YSIDRO, EL_PASO] })));
    // In Ciudad Juárez: El Paso, across the river, comes before San Ysidro (over 1,000 km away).
    await saveDraft({ ...family(1), location: { latitude: 31.69, longitude: -106.42, accuracy: 3000, capturedAt: "2026-12-01T10:00:00-07:00" } });
    renderInLocale(<PortStep />, "es");
    await waitFor(() => expect(screen.getByText(es.portPlace.nearestFirst)).toBeTruthy());
    const radios = screen.getAllByRole("radio");
    expect(radios.map((radio) => radio.closest("label")?.querySelector(".text-xl")?.textContent)).toEqual([
      "Ciudad Juárez – El Paso, TX",
      "Tijuana – San Ysidro, CA",
    ]);
    expect(radios[0].closest("label")?.textContent).toMatch(/A unos 9 km de donde usted está/);
    expect(radios[1].closest("label")?.textContent).toMatch(/A unos 1[.,\s]?0\d\d km/);
  });

  it("without a location, lists the crossings by their Mexican city, with no distance", async () => {
    const ports = [
      { ...PORT, mexicanCity: "Tijuana" },
      { ...PORT, id: "brownsville", name: "Brownsville", state: "TX", timeZone: "America/Chicago", mexicanCity: "Matamoros" },
    ];
    server.use(http.get("*/api/v1/ports", () => HttpResponse.json({ ports })));
    await saveDraft(family(1));
    renderInLocale(<PortStep initialPorts={ports} />, "es");
    const radios = await screen.findAllByRole("radio");
    expect(radios.map((radio) => radio.closest("label")?.querySelector(".text-xl")?.textContent)).toEqual([
      "Matamoros – Brownsville, TX",
      "Tijuana – San Ysidro, CA",
    ]);
    expect(screen.queryByText(es.portPlace.nearestFirst)).toBeNull();
    expect(screen.queryByText(/km/)).toBeNull();
  });

  it("asks for the day, then for the time on that day, one question at a time", async () => {
    await saveDraft(family(1));
    renderInLocale(<PortStep />, "es");
    const user = await openFirstDay();
    // The day question gave way to the time question, and the focus went with it.
    const timesGroup = await screen.findByRole("group", { name: /^Elija una hora/ });
    expect(screen.queryByRole("group", { name: es.slots.dayLegend })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(timesGroup));
    // "Change the day" brings the days back, the chosen one pressed and focused.
    await user.click(screen.getByRole("button", { name: es.slotSteps.changeDay }));
    const days = await screen.findByRole("group", { name: es.slots.dayLegend });
    const pressed = within(days).getAllByRole("button").find((b) => b.getAttribute("aria-pressed") === "true");
    await waitFor(() => expect(document.activeElement).toBe(pressed));
    expect(screen.queryByRole("radio", { name: new RegExp(timeOf(SLOT)) })).toBeNull();
  });
});
