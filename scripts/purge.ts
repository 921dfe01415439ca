/**
 * npm run purge — erases now what the running app's hourly upkeep erases: personal data whose
 * retention is over (RETENTION_DAYS after the appointment's day, its cancellation, expiry or
 * check-in) and stored first responses older than IDEMPOTENCY_RETENTION_DAYS or RETENTION_DAYS,
 * whichever is shorter.
 */
import { ConfigError, getConfig } from "@/lib/server/config/env";
import { getDatabase } from "@/lib/server/db/database";
import { log } from "@/lib/server/log/logger";
import { forgetOldIdempotencyKeys } from "@/lib/scheduling/server/idempotency";
import { purgePersonalData } from "@/lib/scheduling/server/purge";

async function main() {
  const config = getConfig();
  const database = await getDatabase();
  const now = new Date();
  const forgotten = await forgetOldIdempotencyKeys(database.db, now, config.IDEMPOTENCY_RETENTION_DAYS);
  const counts = await purgePersonalData(database.db, now, config.RETENTION_DAYS);
  console.log(
    `purged: ${counts.appointments} appointments' personal data, ${forgotten + counts.idempotencyResponses} stored responses ` +
      `(retention ${config.RETENTION_DAYS} days, stored responses ${Math.min(config.RETENTION_DAYS, config.IDEMPOTENCY_RETENTION_DAYS)} days)`,
  );
  await database.close();
}

main().catch((error) => {
  // A configuration error names the variable; anything else goes through the log, which keeps
  // an error's kind and codes but never its message (a failed query's carries its parameters).
  if (error instanceof ConfigError) console.error(error.message);
  else log.error("purge failed", { error });
  process.exit(1);
});
