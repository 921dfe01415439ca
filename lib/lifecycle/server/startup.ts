import "server-only";
import { ConfigError, getConfig } from "@/lib/server/config/env";
import { getServerKeys } from "@/lib/server/crypto/keys";
import { log, setLogLevel } from "@/lib/server/log/logger";
import { getDatabase } from "./data/database";
import { drawTick } from "@/lib/draw/server/run";
import { startPhotoWorker } from "@/lib/photos/server/pending";
import { eligibleArea } from "@/lib/eligibility/server/eligibility-check";
import { seedDemoPorts } from "@/lib/scheduling/server/seed";
import { runUpkeep, scheduleUpkeep } from "./upkeep";
import { markServing } from "./readiness";
import { installShutdown, onShutdown, repeatUntilShutdown } from "./shutdown";

const MINUTE = 60_000;

/**
 * Everything the server needs before its first request, done once at start: configuration
 * checked, database migrated, demo data on an empty database, keys loaded, slots made for the
 * booking horizon; then the hourly upkeep (slots, spent counters, stored responses and personal
 * data past retention), and every minute the draws (commitments, freezing, due draws, expiry).
 * Any failure stops the process with a plain message.
 */
async function start(): Promise<void> {
  const config = getConfig();
  setLogLevel(config.LOG_LEVEL);
  eligibleArea();
  const { db, kind } = await getDatabase();
  await getServerKeys();
  if (config.PUERTA_DEMO_DATA && (await seedDemoPorts(db))) log.info("demo ports created");
  // The hourly upkeep (lib/lifecycle/server/upkeep.ts) runs once before the first request.
  await runUpkeep(db, new Date(), config);
  // Photos left pending by an earlier run are re-encoded now; new ones after each rush.
  startPhotoWorker(db);
  const upkeep = scheduleUpkeep(db, config, { onError: (error) => log.error("upkeep failed", { error }) });
  // At shutdown no round starts, and one under way ends before the database closes.
  onShutdown(() => {
    upkeep.stop();
    return upkeep.idle();
  });
  // Every instance ticks; on PostgreSQL each draw runs under an advisory lock and is a no-op once
  // drawn, so exactly one instance runs it.
  const drawUpkeep = async () => {
    const { drawn } = await drawTick(db, new Date());
    for (const name of drawn) log.info("draw done", { fields: { draw: name } });
  };
  // A failing draw is logged and retried next minute; it must not keep the app from serving.
  const tick = () => drawUpkeep().catch((error) => log.error("draw upkeep failed", { error }));
  await tick();
  repeatUntilShutdown(MINUTE, tick);
  log.info("ready", { fields: { database: kind === "pglite" ? "embedded PGlite" : "PostgreSQL" } });
}

/** Starts, or stops the process with a message a person can act on. */
export async function startOrExit(): Promise<void> {
  try {
    await start();
    // server.mjs finds the shutdown once there is something to shut down; readiness goes true.
    installShutdown();
    markServing();
  } catch (error) {
    // A configuration error's message names the variables and what is wrong with them (never
    // their values): the person starting the server needs all of it. Anything else is logged
    // like every error, by its class, codes and stack.
    if (error instanceof ConfigError) log.error("cannot start: invalid configuration", { fields: { problems: error.message } });
    else log.error("cannot start", { error });
    process.exit(1);
  }
}
