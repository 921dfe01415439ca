import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/server/config/env";
import { openDatabase, type Database, type Db } from "./connection";

// Kept on globalThis: Next.js may load this module in more than one bundle of the same process
// (instrumentation, route handlers), and two PGlite instances on one folder would corrupt it.
const holder = globalThis as typeof globalThis & { __puertaDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__puertaDatabase ??= open();
  return holder.__puertaDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Tests open their own database (a fresh one per file) and put it here. */
export function useDatabase(database: Database): void {
  holder.__puertaDatabase = Promise.resolve(database);
}

function open(): Promise<Database> {
  const config = getConfig();
  return openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.PUERTA_DATA_DIR, "pglite"),
    poolSize: config.DATABASE_POOL_SIZE,
  }).catch((error) => {
    holder.__puertaDatabase = undefined;
    throw error;
  });
}
