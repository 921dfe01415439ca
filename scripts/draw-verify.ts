/**
 * Re-runs a published daily draw and says whether the published result is the one its seed and
 * entries give: `npm run draw:verify -- <publication.json | https://…/publication.json>`.
 *
 * Options --commitment and --entries-hash take the values published before the draw (the seed
 * commitment, the entries hash): without them the check is only that the publication agrees with
 * itself, which a forger who rewrote all of it could also achieve.
 *
 * Prints MATCH (exit 0) or MISMATCH and the problems (exit 1); exit 2 when the publication cannot
 * be read at all. The checks live in lib/draw/shared/verify.ts; this file only reads and prints.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { resultHash } from "@/lib/draw/shared/publication";
import type { DrawResult } from "@/lib/draw/shared/types";
import { verifyPublication } from "@/lib/draw/shared/verify";

const USAGE = "usage: npm run draw:verify -- <publication.json | http(s) URL> [--commitment HEX] [--entries-hash HEX]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { commitment: { type: "string" }, "entries-hash": { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }

  const source = positionals[0];
  let publication: unknown;
  try {
    publication = JSON.parse(await read(source));
  } catch (err) {
    console.error(`Cannot read a publication from ${source}: ${(err as Error).message}`);
    return 2;
  }

  const { ok, problems } = verifyPublication(publication, {
    commitment: values.commitment?.toLowerCase(),
    entriesHash: values["entries-hash"]?.toLowerCase(),
  });
  if (!ok) {
    console.log("MISMATCH");
    for (const problem of problems) console.log(`- ${problem}`);
    return 1;
  }
  const p = publication as { portId: string; date: string; entries: unknown[]; result: DrawResult };
  console.log("MATCH");
  console.log(`${p.portId} ${p.date}: ${p.entries.length} entries, ${p.result.seatsAllocated} of ${p.result.seatsOffered} seats allocated`);
  console.log(`result hash ${resultHash(p.result)}`);
  if (values.commitment === undefined || values["entries-hash"] === undefined) {
    console.log("(self-consistent; pass --commitment and --entries-hash published earlier to rule out a rewritten publication)");
  }
  return 0;
}

async function read(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFile(source, "utf8");
  const response = await fetch(source, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
