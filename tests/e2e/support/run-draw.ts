/**
 * For the browser test of a won draw: runs, on a stopped server's data folder, the draw that a
 * request made now at the given port enters, with the app's runner (runDraw freezes the entries
 * first), at one minute past its scheduled draw time. Only the clock is simulated: the draw is
 * hours away when the test runs. Prints `{ date, ran, allocations }` as JSON.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { getConfig } from "@/lib/server/config/env";
import { openDatabase } from "@/lib/server/db/connection";
import { useDatabase } from "@/lib/server/db/database";
import { ports } from "@/lib/server/db/schema";
import { runDraw } from "@/lib/draw/server/run";
import { drawDateFor, drawTimes } from "@/lib/draw/shared/schedule";

async function main(portId: string): Promise<void> {
  const config = getConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.PUERTA_DATA_DIR, "pglite"), poolSize: 1 });
  // The runner reads the deployment's keys (the pepper) from the app's database: this one, not a
  // second PGlite on the same folder, which the data-folder lock refuses.
  useDatabase(database);
  try {
    const [port] = await database.db.select().from(ports).where(eq(ports.id, portId));
    if (port?.mode !== "draw") throw new Error(`${portId} is not a draw port`);
    const date = drawDateFor(port, new Date(), config.DRAW_LEAD_DAYS);
    const at = new Date(drawTimes(port, date, config.DRAW_LEAD_DAYS).drawAt.getTime() + 60_000);
    const outcome = await runDraw(database.db, portId, date, at);
    console.log(JSON.stringify({ date, ran: outcome.ran, allocations: outcome.publication?.result.allocations.length ?? 0 }));
  } finally {
    await database.close();
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
