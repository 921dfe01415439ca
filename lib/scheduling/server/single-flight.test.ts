import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight";

function setUp(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let clock = 1_000_000;
  const memo = singleFlight<string>({ ttlMs: options.ttlMs ?? 1000, maxEntries: options.maxEntries ?? 100, now: () => clock });
  const calls: string[] = [];
  const compute = (key: string) => async (at: number) => {
    calls.push(key);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return `${key}@${at}`;
  };
  const ask = (key: string) => memo.get(key, compute(key));
  return { memo, calls, ask, advance: (ms: number) => (clock += ms), set: (at: number) => (clock = at) };
}

describe("singleFlight", () => {
  it("computes once for everyone asking while it runs, and shares the result", async () => {
    const { calls, ask } = setUp();
    const answers = await Promise.all(Array.from({ length: 50 }, () => ask("a")));
    expect(calls).toEqual(["a"]);
    expect(new Set(answers)).toEqual(new Set(["a@1000000"]));
  });

  it("reuses a result until ttlMs after its start, then computes again; other keys apart", async () => {
    const { calls, ask, advance } = setUp();
    await ask("a");
    advance(999);
    expect(await ask("a")).toBe("a@1000000");
    expect(calls).toEqual(["a"]);
    await ask("b");
    advance(1);
    expect(await ask("a")).toBe("a@1001000");
    expect(await ask("b")).toBe("b@1000999");
    expect(calls).toEqual(["a", "b", "a"]);
  });

  it("peeks at a current result only: nothing while it computes, after ttlMs, or for a failure", async () => {
    const { memo, ask, advance } = setUp();
    const running = ask("a");
    expect(memo.peek("a")).toBeUndefined();
    await running;
    expect(memo.peek("a")).toBe("a@1000000");
    advance(999);
    expect(memo.peek("a")).toBe("a@1000000");
    advance(1);
    expect(memo.peek("a")).toBeUndefined();
    await memo.get("b", async () => Promise.reject(new Error("down"))).catch(() => undefined);
    expect(memo.peek("b")).toBeUndefined();
    expect(memo.peek("never asked")).toBeUndefined();
  });

  it("with staleMs, answers the last result a while past ttlMs, starts one refresh, and bridges it", async () => {
    const { memo, calls, ask, advance } = setUp();
    const refresh = async (at: number) => (calls.push("refresh"), await new Promise((resolve) => setTimeout(resolve, 5)), `a@${at}`);
    await ask("a");
    advance(1500);
    expect(memo.peek("a")).toBeUndefined();
    expect(memo.peek("a", { staleMs: 1000, refresh })).toBe("a@1000000");
    // The refresh runs: the old result bridges it, and a second peek starts no other.
    expect(memo.peek("a", { staleMs: 1000, refresh })).toBe("a@1000000");
    expect(calls).toEqual(["a", "refresh"]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(memo.peek("a")).toBe("a@1001500");
    advance(2000);
    expect(memo.peek("a", { staleMs: 1000, refresh })).toBeUndefined();
    expect(calls).toEqual(["a", "refresh"]);
  });

  it("shares a computation that outlives ttlMs until it ends, then computes again", async () => {
    const { memo, advance } = setUp();
    let finish!: (value: string) => void;
    const slow = memo.get("a", async () => new Promise<string>((resolve) => (finish = resolve)));
    advance(5000);
    const late = memo.get("a", async () => "second");
    finish("first");
    expect([await slow, await late]).toEqual(["first", "first"]);
    expect(await memo.get("a", async () => "third")).toBe("third");
  });

  it("shares a failure with those waiting, then forgets it: the next ask computes again", async () => {
    const { memo } = setUp();
    let attempts = 0;
    const failing = async () => {
      attempts++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error("database gone");
    };
    const waiting = await Promise.allSettled([memo.get("a", failing), memo.get("a", failing), memo.get("a", failing)]);
    expect(waiting.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(attempts).toBe(1);
    expect(memo.size).toBe(0);
    expect(await memo.get("a", async () => "back")).toBe("back");
    // A computation that throws before returning a promise fails the same way.
    await expect(memo.get("b", () => { throw new Error("at once"); })).rejects.toThrow("at once");
    expect(memo.size).toBe(1);
  });

  it("treats a clock that steps back as the end of every result", async () => {
    const { calls, ask, set } = setUp();
    await ask("a");
    set(1_000_000 - 10);
    await ask("a");
    expect(calls).toEqual(["a", "a"]);
  });

  it("holds at most maxEntries keys, dropping the oldest, and lets expired ones go", async () => {
    const { memo, calls, ask, advance } = setUp({ maxEntries: 3 });
    for (const key of ["a", "b", "c", "d"]) await ask(key);
    expect(memo.size).toBe(3);
    await ask("a");
    expect(calls).toEqual(["a", "b", "c", "d", "a"]);
    await ask("d");
    expect(calls).toHaveLength(5);
    // A second later one new key sweeps every expired one out.
    advance(1000);
    await ask("e");
    expect(memo.size).toBe(1);
    // A thousand made-up keys never hold more than the bound.
    await Promise.all(Array.from({ length: 1000 }, (_, i) => ask(`random-${i}`)));
    expect(memo.size).toBe(3);
  });
});
