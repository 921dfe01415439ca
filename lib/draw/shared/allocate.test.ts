import { describe, expect, it } from "vitest";
import { allocate } from "./allocate";
import { DAY_MS, entry, input, scrambled, slots, testSeed } from "./test-support";
import type { DrawResult } from "./types";

const phase = (r: DrawResult, p: "longest-waiting" | "random") => r.allocations.filter((a) => a.phase === p).map((a) => a.entryId);
const singles = (n: number) => Array.from({ length: n }, (_, i) => entry(`e${String(i).padStart(3, "0")}`, i * 60_000));

describe("allocate: determinism", () => {
  const draw = input(
    [...singles(60), entry("g1", 5, 4), entry("g2", 7, 6, { preferredDates: ["2026-02-03", "2026-02-01"] })],
    slots(10, 10, 10),
  );

  it("gives the same result for the same seed and entries, whatever their order", () => {
    const first = allocate(draw);
    expect(allocate(draw)).toEqual(first);
    for (const label of ["a", "b", "c"]) expect(allocate(scrambled(draw, label))).toEqual(first);
  });

  it("gives a different random phase for a different seed, and the same longest-waiting phase", () => {
    const a = allocate(draw);
    const b = allocate({ ...draw, seed: testSeed("other") });
    expect(phase(b, "longest-waiting")).toEqual(phase(a, "longest-waiting"));
    expect(phase(b, "random")).not.toEqual(phase(a, "random"));
  });
});

describe("allocate: the longest-waiting share", () => {
  it("gives floor(share × seats) seats to the longest-waiting, in waiting order, then the rest at random", () => {
    const result = allocate(input(singles(100).reverse(), slots(10, 10, 10, 10), { longestWaitingShare: 0.5 }));
    expect(phase(result, "longest-waiting")).toEqual(singles(20).map((e) => e.entryId));
    expect(phase(result, "random")).toHaveLength(20);
    expect(result.allocations.slice(0, 10).every((a) => a.slotId === "s00")).toBe(true);
  });

  it("skips a group that does not fit the remaining budget and tries the next", () => {
    const entries = [entry("a", 1, 3), entry("b", 2, 4), entry("c", 3, 1), entry("d", 4, 2), entry("e", 5, 1), entry("f", 6, 1)];
    const result = allocate(input(entries, slots(10), { longestWaitingShare: 0.5 }));
    expect(phase(result, "longest-waiting")).toEqual(["a", "c", "e"]);
  });

  it("skips a group that no slot can hold, and it is not selected at all", () => {
    const result = allocate(input([entry("big", 0, 4), ...singles(5)], slots(3, 3), { longestWaitingShare: 1 }));
    expect(phase(result, "longest-waiting")).toEqual(singles(5).map((e) => e.entryId));
    expect(result.notSelected).toEqual(["big"]);
  });

  it("reads the share without binary rounding errors, and handles 0 and 1", () => {
    const many = singles(200);
    expect(phase(allocate(input(many, slots(50, 50), { longestWaitingShare: 0.29 })), "longest-waiting")).toHaveLength(29);
    expect(phase(allocate(input(many, slots(50, 50), { longestWaitingShare: 0 })), "longest-waiting")).toHaveLength(0);
    expect(phase(allocate(input(many, slots(50, 50), { longestWaitingShare: 1 })), "random")).toHaveLength(0);
  });
});

describe("allocate: preferred dates", () => {
  const others = ["x1", "x2", "x3"].map((id, i) => entry(id, i, 1, { preferredDates: ["2026-02-02"] }));

  it("gives no seat to an entry that asked for other dates while someone who wants this day could use it", () => {
    const result = allocate(input([...others, ...singles(30)], slots(10, 10)));
    expect(result.allocations.map((a) => a.entryId).filter((id) => id.startsWith("x"))).toEqual([]);
    expect(phase(result, "longest-waiting")).toEqual(singles(10).map((e) => e.entryId)); // x1..x3 waited longer
  });

  it("gives leftover seats to entries that asked for other dates", () => {
    const result = allocate(input([...others, ...singles(5)], slots(4, 4)));
    expect(result.seatsAllocated).toBe(8);
    expect(result.notSelected).toHaveLength(0);
    expect(result.allocations.slice(-3).map((a) => a.entryId).sort()).toEqual(["x1", "x2", "x3"]);
  });
});

describe("allocate: seats of an earlier day offered again", () => {
  const earlier = { slotId: "freed", capacity: 2, date: "2026-01-31" };

  it("seats each entry on a day it asked for first, whatever the shuffle", () => {
    const onlyToday = entry("today", 0, 2, { preferredDates: ["2026-02-01"] });
    const onlyEarlier = entry("early", 1, 2, { preferredDates: ["2026-01-31"] });
    for (let seed = 0; seed < 20; seed++) {
      const result = allocate(input([onlyToday, onlyEarlier], [earlier, ...slots(2)], { seed: testSeed(seed), longestWaitingShare: 0 }));
      expect(Object.fromEntries(result.allocations.map((a) => [a.entryId, a.slotId]))).toEqual({ today: "s00", early: "freed" });
    }
  });

  it("fills the earlier day first for anyone who takes any day, and gives leftovers to the others last", () => {
    const result = allocate(input([entry("any", 0, 2), entry("later", 1, 1, { preferredDates: ["2026-02-05"] })], [earlier, ...slots(1)], { longestWaitingShare: 1 }));
    expect(result.allocations).toEqual([
      { entryId: "any", slotId: "freed", phase: "longest-waiting" },
      { entryId: "later", slotId: "s00", phase: "random" },
    ]);
  });

  it("never lets an entry that wants only another day take a seat someone who wants it could use", () => {
    const wanting = singles(6);
    const picky = entry("picky", -1, 1, { preferredDates: ["2026-01-31"] });
    for (let seed = 0; seed < 20; seed++) {
      const result = allocate(input([picky, ...wanting], slots(3, 3), { seed: testSeed(seed), longestWaitingShare: 0 }));
      expect(result.notSelected).toEqual(["picky"]);
    }
  });
});

describe("allocate: one entry per person", () => {
  it("keeps the longest-waiting entry of a person in two or three entries and reports the others", () => {
    const entries = [
      entry("a-late", 3 * DAY_MS, 2, { personKeys: ["ana", "bo"] }),
      entry("a-early", 1 * DAY_MS, 1, { personKeys: ["ana"] }),
      entry("c1", 2 * DAY_MS, 1, { personKeys: ["cy"] }),
      entry("c2", 1 * DAY_MS, 3, { personKeys: ["dee", "cy", "eve"] }),
      entry("c3", 1 * DAY_MS, 1, { personKeys: ["cy"] }), // same instant as c2: entryId breaks the tie
      ...singles(3),
    ];
    const result = allocate(input(entries, slots(20)));
    expect(result.excludedDuplicates).toEqual([
      { entryId: "a-late", duplicateOf: "a-early" },
      { entryId: "c1", duplicateOf: "c2" },
      { entryId: "c3", duplicateOf: "c2" },
    ]);
    const ids = result.allocations.map((a) => a.entryId);
    expect(ids).not.toContain("a-late");
    expect(result.notSelected).not.toContain("c1");
    expect(allocate(input(entries.slice().reverse(), slots(20)))).toEqual(result);
  });

  it("lets only kept entries claim a person: A{p}, B{p,q}, C{q} keeps A and C", () => {
    const entries = [
      entry("A", 0, 1, { personKeys: ["p"] }),
      entry("B", 1, 2, { personKeys: ["p", "q"] }),
      entry("C", 2, 1, { personKeys: ["q"] }),
    ];
    const result = allocate(input(entries, slots(10)));
    expect(result.excludedDuplicates).toEqual([{ entryId: "B", duplicateOf: "A" }]);
    expect(result.allocations.map((a) => a.entryId).sort()).toEqual(["A", "C"]);
  });
});

describe("allocate: input checks", () => {
  const ok = input(singles(3), slots(2));
  it.each([
    ["a seed that is not 32 bytes of hex", { ...ok, seed: "abc" }],
    ["a share above 1", { ...ok, longestWaitingShare: 1.5 }],
    ["a negative capacity", { ...ok, slots: slots(-1) }],
    ["a repeated entryId", { ...ok, entries: [entry("x", 0), entry("x", 1)] }],
    ["a group of 11", { ...ok, entries: [entry("x", 0, 11)] }],
    ["seats that do not match the person keys", { ...ok, entries: [entry("x", 0, 2, { personKeys: ["p"] })] }],
    ["a local time without offset", { ...ok, entries: [entry("x", 0, 1, { waitingSince: "2026-01-01T10:00:00" })] }],
    ["an impossible preferred date", { ...ok, entries: [entry("x", 0, 1, { preferredDates: ["2026-02-30"] })] }],
  ])("rejects %s", (_, bad) => {
    expect(() => allocate(bad)).toThrow();
  });
});
