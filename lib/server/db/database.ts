import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/server/config/env";
import { openDatabase, type Database, type Db } from "./connection";

// Kept on globalThis: Next.js may load this module in more than one bundle of the same process
// (instrumentation, route handlers), and two PGlite instances on one folder would corrupt it.
const holder = globalThis as typeof globalThis & { __puertaDatabase?: Promise<Database>; __puertaDatabaseClosed?: Promise<void> };

export function getDatabase(): Promise<Database> {
  holder.__puertaDatabase ??= open();
  return holder.__puertaDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/**
 * Closes the database at shutdown, once the requests in flight are answered: PGlite waits for
 * the statement or transaction under way, writes its files and lets go of its folder; the pool
 * waits for its connections in use and ends them all. The closed database stays in place, so
 * whatever still asks for it (a request past the shutdown's grace) fails as "connection lost"
 * instead of opening a second one. Closing twice closes once.
 */
export function closeDatabase(): Promise<void> {
  const opened = holder.__puertaDatabase;
  if (!opened) return Promise.resolve();
  holder.__puertaDatabaseClosed ??= opened.then(
    (database) => database.close(),
    () => undefined, // it never opened: nothing to close
  );
  return holder.__puertaDatabaseClosed;
}

/** Tests open their own database (a fresh one per file) and put it here. */
export function useDatabase(database: Database): void {
  holder.__puertaDatabase = Promise.resolve(database);
  holder.__puertaDatabaseClosed = undefined;
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
