import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { allocate } from "./allocate";
import { canonicalJson } from "./canonical";
import { sha256Portable } from "./hash";
import { commitment, entriesHash, frozenDocument, publish, scopePersonKey, type DrawPublication } from "./publication";
import { createRandom } from "./random";
import { DAY_MS, entry, input, randomInput, scrambled, slots, testSeed } from "./test-support";
import { verifyPublication } from "./verify";

const draw = input(
  [
    ...Array.from({ length: 40 }, (_, i) => entry(`e${String(i).padStart(2, "0")}`, i * 3_600_000)),
    entry("fam", 2 * DAY_MS, 4),
    entry("dup", 3 * DAY_MS, 1, { personKeys: ["e05/p0"] }),
    entry("later", 0, 1, { preferredDates: ["2026-02-09"] }),
  ],
  slots(8, 8, 8),
);
const truePublication = () => publish(draw, allocate(draw));
const copy = (p: DrawPublication): DrawPublication => JSON.parse(JSON.stringify(p));
const earlier = { commitment: commitment(draw.seed), entriesHash: entriesHash(draw) };

describe("commitment and entriesHash", () => {
  it("commits to the seed with a labelled SHA-256", () => {
    const expected = createHash("sha256").update(`puerta-draw-seed:${draw.seed}`).digest("hex");
    expect(commitment(draw.seed)).toBe(expected);
  });

  it("hashes the entries whatever their order, and changes with any entry or parameter", () => {
    expect(entriesHash(scrambled(draw, "x"))).toBe(entriesHash(draw));
    const otherSeed = { ...draw, seed: testSeed("other") };
    expect(entriesHash(otherSeed)).toBe(entriesHash(draw)); // fixed before the seed is revealed
    expect(entriesHash({ ...draw, longestWaitingShare: 0.4 })).not.toBe(entriesHash(draw));
    expect(entriesHash({ ...draw, slots: slots(8, 8, 9) })).not.toBe(entriesHash(draw));
    expect(entriesHash({ ...draw, entries: draw.entries.map((e, i) => (i === 7 ? { ...e, seats: 2, personKeys: ["a", "b"] } : e)) }))
      .not.toBe(entriesHash(draw));
  });

  it("streams exactly the bytes of the canonical document (checked with the browser's hash too)", () => {
    // The definition, built the slow way: one string, hashed by the plain-JavaScript SHA-256.
    const reference = (i: Omit<typeof draw, "seed">) =>
      Buffer.from(sha256Portable(`puerta-draw-entries:${canonicalJson(frozenDocument(i))}`)).toString("hex");
    const rng = createRandom(testSeed("stream"));
    for (let label = 0; label < 50; label++) {
      const random = randomInput(rng, label);
      expect(entriesHash(random)).toBe(reference(random));
    }
    expect(entriesHash(draw)).toBe(reference(draw));
    // Names outside ASCII, quotes and backslashes are escaped the same way; 20,000 entries cross
    // the chunk boundary many times.
    const odd = input([entry('é"\\ü', 0, 2, { preferredDates: ["2026-02-02", "2026-02-01"] }), entry("ش", 5)], slots(3));
    expect(entriesHash(odd)).toBe(reference(odd));
    const big = input(Array.from({ length: 20_000 }, (_, i) => entry(`big${i}`, i, 1 + (i % 4))), slots(500, 500));
    expect(entriesHash(big)).toBe(reference(big));
    expect(entriesHash({ ...big, entries: big.entries.slice(1) })).not.toBe(reference(big));
  });

  it("scopes person keys to one draw: equal within it, unlinkable across days", () => {
    expect(scopePersonKey("k", "san-ysidro", "2026-02-01")).toBe(scopePersonKey("k", "san-ysidro", "2026-02-01"));
    expect(scopePersonKey("k", "san-ysidro", "2026-02-01")).not.toBe(scopePersonKey("k", "san-ysidro", "2026-02-02"));
    expect(scopePersonKey("k", "san-ysidro", "2026-02-01")).not.toBe(scopePersonKey("k", "laredo", "2026-02-01"));
  });
});

describe("verifyPublication", () => {
  it("re-checks a puerta-draw/1 publication (one day per draw), and refuses other days' slots in one", () => {
    const v1 = { ...copy(truePublication()), algorithm: "puerta-draw/1" as const, entriesHash: entriesHash(draw, "puerta-draw/1") };
    expect(v1.entriesHash).not.toBe(truePublication().entriesHash); // the name is part of what is hashed
    expect(verifyPublication(v1)).toEqual({ ok: true, problems: [] });
    const withEarlierDay = { ...draw, slots: [{ slotId: "freed", capacity: 2, date: "2026-01-31" }, ...draw.slots] };
    const pub = publish(withEarlierDay, allocate(withEarlierDay));
    expect(verifyPublication(copy(pub)).ok).toBe(true);
    const asV1 = { ...copy(pub), algorithm: "puerta-draw/1" as const, entriesHash: entriesHash(withEarlierDay, "puerta-draw/1") };
    expect(verifyPublication(asV1).problems).toContain("puerta-draw/1 has no slots of other days");
    // A slot's day is part of the frozen entries: moving seats to another day changes the hash.
    const moved = { ...copy(pub), slots: pub.slots.map((s) => (s.slotId === "freed" ? { ...s, date: "2026-01-30" } : s)) };
    expect(verifyPublication(moved).problems).toContain("the entries do not match the entries hash");
  });

  it("accepts a true publication, also after a JSON round trip and against the earlier values", () => {
    const pub = truePublication();
    expect(pub.result.excludedDuplicates).toEqual([{ entryId: "dup", duplicateOf: "e05" }]);
    expect(verifyPublication(pub)).toEqual({ ok: true, problems: [] });
    expect(verifyPublication(copy(pub), earlier)).toEqual({ ok: true, problems: [] });
  });

  it("rejects a changed seed", () => {
    const pub = { ...copy(truePublication()), seed: testSeed("changed") };
    const { ok, problems } = verifyPublication(pub, earlier);
    expect(ok).toBe(false);
    expect(problems).toContain("the seed does not match the commitment");
  });

  it("rejects a changed entry", () => {
    const pub = copy(truePublication());
    pub.entries.find((e) => e.entryId === "e39")!.waitingSince = "2025-01-01T00:00:00.000Z";
    const { ok, problems } = verifyPublication(pub);
    expect(ok).toBe(false);
    expect(problems).toContain("the entries do not match the entries hash");
  });

  it("rejects two allocations swapped between slots, naming both entries", () => {
    const pub = copy(truePublication());
    const [a, b] = [pub.result.allocations[0], pub.result.allocations.find((x) => x.slotId !== pub.result.allocations[0].slotId)!];
    [a.slotId, b.slotId] = [b.slotId, a.slotId];
    const { ok, problems } = verifyPublication(pub);
    expect(ok).toBe(false);
    expect(problems.some((p) => p.startsWith(`entry ${a.entryId}: published slot ${a.slotId}`))).toBe(true);
    expect(problems.some((p) => p.startsWith(`entry ${b.entryId}: published slot ${b.slotId}`))).toBe(true);
  });

  it("rejects a winner swapped for someone who was not selected", () => {
    const pub = copy(truePublication());
    const loser = pub.result.notSelected[0];
    const winner = pub.result.allocations.at(-1)!;
    pub.result.notSelected[0] = winner.entryId;
    pub.result.notSelected.sort();
    const winnerId = winner.entryId;
    winner.entryId = loser;
    const { ok, problems } = verifyPublication(pub);
    expect(ok).toBe(false);
    expect(problems).toContain(`entry ${loser}: published slot ${winner.slotId} (random), but the draw gives it no seats`);
    expect(problems.some((p) => p.startsWith(`entry ${winnerId}: the draw gives`))).toBe(true);
  });

  it("rejects a removed entry", () => {
    const pub = copy(truePublication());
    pub.entries = pub.entries.filter((e) => e.entryId !== pub.result.notSelected[0]);
    const { ok, problems } = verifyPublication(pub);
    expect(ok).toBe(false);
    expect(problems).toContain("the entries do not match the entries hash");
  });

  it("passes a fully rewritten publication on its own, but not against the values published earlier", () => {
    const forgedSeed = publish({ ...draw, seed: testSeed("forged") }, allocate({ ...draw, seed: testSeed("forged") }));
    const fakeEntries = { ...draw, entries: [...draw.entries, entry("friend", -DAY_MS)] };
    const forgedEntries = publish(fakeEntries, allocate(fakeEntries));
    for (const forged of [forgedSeed, forgedEntries]) {
      expect(verifyPublication(forged).ok).toBe(true);
      expect(verifyPublication(forged, earlier).ok).toBe(false);
    }
    expect(verifyPublication(forgedEntries, earlier).problems).toEqual([
      "the entries hash differs from the one published when the entry window closed",
    ]);
  });

  it("reports malformed publications instead of throwing", () => {
    for (const bad of [null, "x", {}, { ...truePublication(), algorithm: "other/2" }, { ...truePublication(), entries: "none" }]) {
      const { ok, problems } = verifyPublication(bad);
      expect(ok).toBe(false);
      expect(problems.length).toBeGreaterThan(0);
    }
    expect(verifyPublication({ ...truePublication(), result: null }).problems).toContain("the published result has no allocations list");
  });
});
