import { rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { useDatabase, getDb } from "@/lib/server/db/database";
import type { Database, Db } from "@/lib/server/db/connection";
import { materializeSlots, seedDemoPorts } from "@/lib/scheduling/server/seed";
import { freshDatabase, temporaryDataDir } from "./database";

/**
 * Sets a test file up like a started server: its own database with the demo ports and slots, keys
 * in a temporary data folder, and the given environment (read once, on first use, like at start).
 */
export function useTestServer(env: Record<string, string> = {}) {
  let database: Database & { url?: string };
  let dataDir: string;
  beforeAll(async () => {
    dataDir = temporaryDataDir();
    Object.assign(process.env, { RATE_LIMIT_PER_MINUTE: "0", PUERTA_DATA_DIR: dataDir, ...env });
    database = await freshDatabase();
    useDatabase(database);
    await seedDemoPorts(database.db);
    await materializeSlots(database.db, new Date(), 16);
  });
  afterAll(async () => {
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    db: (): Promise<Db> => getDb(),
    /** The PostgreSQL URL of this file's database (undefined on PGlite), to open more clients. */
    url: (): string | undefined => database?.url,
  };
}
