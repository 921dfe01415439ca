/**
 * npm run keys:rotate -- sealing|signing — replaces the deployment's sealing or signing key in
 * its database (lib/server/crypto/rotate-key.ts). The old key is retired and kept: applications
 * phones sealed to it still open, tokens it signed still verify. The new key is
 * PUERTA_SEALING_JWK / PUERTA_SIGNING_JWK when set (the key every instance will be configured
 * with), else a new one kept in the database.
 *
 * Running instances go on meanwhile and take the new keys when they next look (an application
 * sealed to the new key, GET /api/v1/keys a minute after their last look) or restart; until then
 * they sign with the old key, which still verifies. An instance configured with the old key
 * refuses its next start until its setting is the new key, or removed.
 * With the embedded PGlite database, stop the app first: one process per data folder.
 */
import { ConfigError, getConfig } from "@/lib/server/config/env";
import { closeDatabase, getDatabase } from "@/lib/server/db/database";
import { rotateDeploymentKey } from "@/lib/server/crypto/rotate-key";

const USAGE = "usage: npm run keys:rotate -- sealing|signing";

async function main(): Promise<number> {
  const purpose = process.argv[2];
  if (purpose === "pepper") {
    console.error("the pepper is not rotated: every person key and published draw entry was made with it");
    return 2;
  }
  if (purpose !== "sealing" && purpose !== "signing") {
    console.error(USAGE);
    return 2;
  }
  const config = getConfig();
  const { db } = await getDatabase();
  try {
    const { retired, current } = await rotateDeploymentKey(db, purpose, config);
    console.log(`${purpose} key rotated: kid ${current} is current; kid ${retired} is retired and still ${purpose === "sealing" ? "opens what was sealed to it" : "verifies the tokens it signed"}`);
    return 0;
  } finally {
    await closeDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // A configuration error (or the data folder in use) says what to do; anything else only its
    // kind: a failed query's message may carry its parameters.
    console.error(`keys:rotate failed: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.name : typeof error}`);
    process.exit(1);
  },
);
