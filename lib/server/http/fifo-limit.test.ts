import { describe, expect, it } from "vitest";
import { fifoLimit } from "./fifo-limit";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("fifoLimit", () => {
  it("runs at most `max` at once, the rest in arrival order, and passes on failures", async () => {
    const inLine = fifoLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const jobs = Array.from({ length: 7 }, (_, i) =>
      inLine(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await tick();
        running--;
        if (i === 3) throw new Error("job 3 failed");
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "failed"))).toEqual([0, 1, 2, "failed", 4, 5, 6]);
    // The line is free again afterwards.
    expect(await inLine(async () => "again")).toBe("again");
  });
});
