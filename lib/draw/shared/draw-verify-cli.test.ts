/** `npm run draw:verify` end to end: the script in scripts/draw-verify.ts, run as a user would. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { allocate } from "./allocate";
import { commitment, entriesHash, publish } from "./publication";
import { entry, input, slots } from "./test-support";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const dir = await mkdtemp(join(tmpdir(), "draw-verify-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/draw-verify.ts", ...args], { cwd: repo });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

const draw = input(Array.from({ length: 30 }, (_, i) => entry(`e${i}`, i * 1000, 1 + (i % 3))), slots(10, 10));
const pub = publish(draw, allocate(draw));

describe("draw:verify", () => {
  it("prints MATCH and exits 0 for a true publication checked against the earlier values", async () => {
    const file = join(dir, "true.json");
    await writeFile(file, JSON.stringify(pub));
    const { code, stdout } = await run(file, "--commitment", commitment(draw.seed), "--entries-hash", entriesHash(draw));
    expect(stdout).toMatch(/^MATCH\n/);
    expect(code).toBe(0);
  });

  it("prints MISMATCH with the problem and exits 1 for a tampered result", async () => {
    const tampered = structuredClone(pub);
    tampered.result.notSelected.push(tampered.result.allocations.pop()!.entryId);
    const file = join(dir, "tampered.json");
    await writeFile(file, JSON.stringify(tampered));
    const { code, stdout } = await run(file);
    expect(stdout).toMatch(/^MISMATCH\n- entry e\d+: the draw gives slot s0\d \(random\), but the publication gives it no seats/);
    expect(code).toBe(1);
  });
});
