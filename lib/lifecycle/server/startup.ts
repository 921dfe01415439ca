import "server-only";
import { ConfigError, getConfig } from "@/lib/server/config/env";
import { getServerKeys } from "@/lib/server/crypto/keys";
import { getDatabase } from "./data/database";
import { drawTick } from "@/lib/draw/server/run";
import { forgetOldWindows } from "@/lib/server/http/rate-limit";
import { startPhotoWorker, wakePhotoWorker } from "@/lib/photos/server/pending";
import { eligibleArea } from "@/lib/eligibility/server/eligibility-check";
import { forgetOldIdempotencyKeys } from "@/lib/scheduling/server/idempotency";
import { purgePersonalData } from "@/lib/scheduling/server/purge";
import { materializeSlots, seedDemoPorts } from "@/lib/scheduling/server/seed";

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Everything the server needs before its first request, done once at start: configuration
 * checked, database migrated, demo data on an empty database, keys loaded, slots made for the
 * booking horizon; then the hourly upkeep (slots, expired counters, personal data past retention), and every minute the draws (commitments, freezing,
 * due draws, expiry). Any failure stops the process with a plain message.
 */
async function start(): Promise<void> {
  const config = getConfig();
  eligibleArea();
  const { db, kind } = await getDatabase();
  await getServerKeys();
  if (config.PUERTA_DEMO_DATA && (await seedDemoPorts(db))) console.log("[puerta] demo ports created");
  const upkeep = async () => {
    const now = new Date();
    await materializeSlots(db, now, config.BOOKING_HORIZON_DAYS + 1);
    await forgetOldWindows(db, now);
    await forgetOldIdempotencyKeys(db, now, config.IDEMPOTENCY_RETENTION_DAYS);
    await purgePersonalData(db, now, config.RETENTION_DAYS);
    // Photos a failed re-encode run left pending (e.g. the database was briefly unreachable).
    wakePhotoWorker();
  };
  await upkeep();
  // Photos left pending by an earlier run are re-encoded now; new ones after each rush.
  startPhotoWorker(db);
  setInterval(() => upkeep().catch((e) => console.error(`[puerta] upkeep failed: ${e?.name}`)), HOUR).unref();
  // Every instance ticks; on PostgreSQL each draw runs under an advisory lock and is a no-op once
  // drawn, so exactly one instance runs it.
  const drawUpkeep = async () => {
    const { drawn } = await drawTick(db, new Date());
    for (const name of drawn) console.log(`[puerta] draw ${name} done`);
  };
  // A failing draw is logged and retried next minute; it must not keep the app from serving.
  const tick = () => drawUpkeep().catch((e) => console.error(`[puerta] draw upkeep failed: ${e?.name}`));
  await tick();
  setInterval(tick, MINUTE).unref();
  console.log(`[puerta] ready on ${kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}`);
}

/** Starts, or stops the process with a message a person can act on. */
export async function startOrExit(): Promise<void> {
  try {
    await start();
  } catch (error) {
    // A configuration error names the variable; anything else only its kind and message, which
    // at start-up come from the environment, never from people's data.
    const message = error instanceof ConfigError ? error.message : `[puerta] cannot start: ${String(error)}`;
    console.error(message);
    process.exit(1);
  }
}
