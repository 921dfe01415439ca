/**
 * npm run purge — erases personal data whose retention is over (RETENTION_DAYS after the
 * appointment's day, a cancellation or an expiry), now. The running app also does this hourly.
 */
import { getConfig } from "@/lib/server/config/env";
import { getDatabase } from "@/lib/server/db/database";
import { purgePersonalData } from "@/lib/scheduling/server/purge";

async function main() {
  const config = getConfig();
  const database = await getDatabase();
  const counts = await purgePersonalData(database.db, new Date(), config.RETENTION_DAYS);
  console.log(`purged: ${counts.appointments} appointments' personal data, ${counts.idempotencyResponses} stored responses (retention ${config.RETENTION_DAYS} days)`);
  await database.close();
}

main().catch((error) => {
  console.error(`purge failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
