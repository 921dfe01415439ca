import { describe, expect, it } from "vitest";
import { ByteBudget } from "./byte-budget";

const MiB = 1024 * 1024;

describe("ByteBudget", () => {
  it("takes what fits, refuses what would pass the total, and takes again what is given back", () => {
    const budget = new ByteBudget(16 * MiB);
    for (let i = 0; i < 16; i++) expect(budget.grow(0, MiB)).toBe(true);
    expect(budget.inUse().held).toBe(16 * MiB);
    expect(budget.grow(0, 1)).toBe(false);
    expect(budget.inUse().held).toBe(16 * MiB);
    budget.free(MiB);
    expect(budget.grow(0, MiB)).toBe(true);
    expect(budget.grow(0, 1)).toBe(false);
  });

  it("keeps large bodies within half, so ordinary ones always find the other half", () => {
    const budget = new ByteBudget(64 * MiB);
    // Over a sixteenth (4 MiB) is large: two of 16 MiB fill the large half.
    expect(budget.grow(0, 16 * MiB)).toBe(true);
    expect(budget.grow(0, 16 * MiB)).toBe(true);
    expect(budget.grow(0, 5 * MiB)).toBe(false);
    expect(budget.inUse()).toEqual({ held: 32 * MiB, large: 32 * MiB });
    // Ordinary bodies still fit, up to the total.
    for (let i = 0; i < 8; i++) expect(budget.grow(0, 4 * MiB)).toBe(true);
    expect(budget.grow(0, 1)).toBe(false);
    budget.free(16 * MiB);
    expect(budget.inUse()).toEqual({ held: 48 * MiB, large: 16 * MiB });
    expect(budget.grow(0, 16 * MiB)).toBe(true);
  });

  it("moves a holding that grows past the threshold into the large half with all it holds", () => {
    const budget = new ByteBudget(64 * MiB);
    expect(budget.grow(0, 26 * MiB)).toBe(true);
    let had = 0;
    // A body without a declared length, growing chunk by chunk: small up to 4 MiB, then large.
    for (; had < 2 * MiB; had += MiB) expect(budget.grow(had, MiB)).toBe(true);
    expect(budget.inUse().large).toBe(26 * MiB);
    expect(budget.grow(had, 2 * MiB + 1)).toBe(true);
    had += 2 * MiB + 1;
    expect(budget.inUse().large).toBe(26 * MiB + had);
    // The large half is 32 MiB: this one may not grow by 2 MiB more, though the total has room.
    expect(budget.grow(had, 2 * MiB)).toBe(false);
    expect(budget.inUse()).toEqual({ held: 26 * MiB + had, large: 26 * MiB + had });
    budget.free(had);
    budget.free(26 * MiB);
    expect(budget.inUse()).toEqual({ held: 0, large: 0 });
  });

  it("says whether a body could ever be taken", () => {
    const budget = new ByteBudget(128 * MiB);
    expect(budget.admits(8 * MiB)).toBe(true);
    expect(budget.admits(64 * MiB)).toBe(true);
    expect(budget.admits(64 * MiB + 1)).toBe(false);
  });
});
