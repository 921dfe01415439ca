import { describe, expect, it } from "vitest";
import { PORT } from "@/tests/mocks/handlers";
import { missingChoice } from "./missing-choice";

const drawPort = { ...PORT, id: "draw-port", mode: "draw" as const };
const firstCome = { ...PORT, mode: "first-come" as const };

describe("what stops Continue on the port step", () => {
  it("no port chosen: the summary links to the first port offered", () => {
    expect(missingChoice(undefined, [drawPort, firstCome], false)).toEqual({ fieldId: "port-draw-port", key: "port" });
  });

  it("a first-come port needs a time; a draw port does not", () => {
    expect(missingChoice(firstCome, [firstCome], false)).toEqual({ fieldId: "slot-picker", key: "slot" });
    expect(missingChoice(firstCome, [firstCome], true)).toBeNull();
    expect(missingChoice(drawPort, [drawPort], false)).toBeNull();
  });
});
