import { describe, expect, it } from "vitest";
import { applicationInput, emptyDraft, firstIncompleteStep, newTraveler, type Draft } from "./draft";

const port = (mode: "first-come" | "draw") => ({
  id: "eagle-pass",
  name: "Eagle Pass",
  state: "TX",
  timeZone: "America/Chicago",
  mode,
  address: "500 S Adams St, Eagle Pass, TX 78852",
});

const draftAt = (mode: "first-come" | "draw"): Draft => ({
  ...emptyDraft(),
  attestations: ["a"],
  location: { latitude: 28.7, longitude: -100.5, accuracy: 25, capturedAt: "2026-11-30T10:00:00-06:00" },
  travelers: [newTraveler("t1", "es")],
  portId: "eagle-pass",
  port: port(mode),
});

describe("the draft at a draw port", () => {
  it("is complete without a time, and sends no slot", () => {
    const draft = draftAt("draw");
    expect(firstIncompleteStep(draft, new Set(["t1"]))).toBeNull();
    const input = applicationInput(draft, "es");
    expect(input).not.toHaveProperty("slotId");
    expect(input.portId).toBe("eagle-pass");
  });

  it("still needs a time at a first-come port", () => {
    const draft = draftAt("first-come");
    expect(firstIncompleteStep(draft, new Set(["t1"]))).toBe("port");
    const slot = { id: "eagle-pass-20261201-0800", start: "2026-12-01T08:00:00-06:00", end: "2026-12-01T08:30:00-06:00" };
    expect(firstIncompleteStep({ ...draft, slot }, new Set(["t1"]))).toBeNull();
    expect(applicationInput({ ...draft, slot }, "es")).toMatchObject({ slotId: slot.id });
  });
});
