import "server-only";
import { ConfigError, getConfig } from "@/lib/config/env";
import { getServerKeys } from "@/lib/crypto/keys";
import { getDatabase } from "@/lib/db";
import { forgetOldWindows } from "@/lib/http/rate-limit";
import { eligibleArea } from "@/lib/scheduling/eligibility-check";
import { forgetOldIdempotencyKeys } from "@/lib/scheduling/maintenance";
import { materializeSlots, seedDemoPorts } from "@/lib/scheduling/seed";

const HOUR = 3_600_000;

/**
 * Everything the server needs before its first request, done once at start: configuration
 * checked, database migrated, demo data on an empty database, keys loaded, slots made for the
 * booking horizon; then the hourly upkeep. Any failure stops the process with a plain message.
 */
export async function start(): Promise<void> {
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
  };
  await upkeep();
  setInterval(() => upkeep().catch((e) => console.error(`[puerta] upkeep failed: ${e?.name}`)), HOUR).unref();
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
