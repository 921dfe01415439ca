/**
 * Runs the daily draws by hand: `npm run draw` runs every draw whose time has passed and that has
 * not run yet (freezing its entries first if needed); `npm run draw -- --port eagle-pass --date
 * 2026-12-02` runs that one draw now, whatever the time. Safe next to running app instances: each
 * draw runs under an advisory lock and only once. A given draw is refused while its request window
 * is still open: requests arriving later were told they are in it. Prints each draw's commitment
 * and result hash.
 *
 * Uses the app's configuration (DATABASE_URL, or PUERTA_DATA_DIR for the embedded database); the
 * pepper is the deployment's, from the database. With the embedded PGlite database, stop the app
 * first: one process per data folder (refused while the app has it open).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/server/config/env";
import { openDatabase } from "@/lib/server/db/connection";
import { useDatabase } from "@/lib/server/db/database";
import { dueDraws, requestWindowOpenUntil, runDraw } from "@/lib/draw/server/run";
import { resultHash } from "@/lib/draw/shared/publication";

const USAGE = "usage: npm run draw [-- --port ID --date YYYY-MM-DD]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { port: { type: "string" }, date: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (Boolean(values.port) !== Boolean(values.date)) {
    console.error(`--port and --date go together\n${USAGE}`);
    return 2;
  }
  const config = getConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.PUERTA_DATA_DIR, "pglite"),
    poolSize: 2,
  });
  // The draw reads the deployment's pepper from the database: this one, not a second opening.
  useDatabase(database);
  try {
    const now = new Date();
    const targets = values.port ? [[values.port, values.date!] as [string, string]] : await dueDraws(database.db, now);
    if (targets.length === 0) console.log("no draw is due");
    for (const [portId, date] of targets) {
      const openUntil = await requestWindowOpenUntil(database.db, portId, date, now);
      if (openUntil) {
        console.error(`${portId} ${date}: the request window is still open until ${openUntil.toISOString()}`);
        return 1;
      }
      const outcome = await runDraw(database.db, portId, date, now);
      if (!outcome.publication) {
        console.log(`${portId} ${date}: already drawn (or not a draw port), nothing done`);
        continue;
      }
      const { commitment, result } = outcome.publication;
      console.log(
        `${portId} ${date}: ${result.seatsAllocated}/${result.seatsOffered} seats to ${result.allocations.length} requests; ` +
          `commitment ${commitment}, result ${resultHash(result)}`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`draw failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
