import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { log } from "@/lib/server/log/logger";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

/** What both drivers have in common: the queries are written once for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type Executor = Db | Tx;

export type Database = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

const migrationsFolder = path.join(process.cwd(), "drizzle");

/** Opens PostgreSQL when a URL is given, else PGlite in `dataDir` (`memory://` for tests). */
export async function openDatabase(options: { url?: string; dataDir: string; poolSize?: number }): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 20) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // One process per folder: a second one is refused (data-dir-lock.ts); let go at close or exit.
  const unlock = lockDataDir(dataDir);
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close().finally(unlock) };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // `min`: a connection a rush opened is kept, not closed after 10 s idle. Slots open at a known
  // minute after a quiet spell; without this the first seconds of that rush would wait for
  // PostgreSQL to start a backend per connection, each then planning every statement afresh.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, min: poolSize });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool
  // replaces it on next use.
  pool.on("error", (error) => log.warn("idle database connection lost", { error }));
  reclaimLostConnections(pool);
  // Several instances may start together on one database: one migrates, the others wait.
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('puerta:migrate'))");
    await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('puerta:migrate'))").catch(() => undefined);
    client.release();
  }
  const db = drizzleNodePg(pool, { schema });
  return { db: db as unknown as Db, kind: "postgres", close: () => pool.end() };
}

/**
 * The pool listens for errors only on the connections it holds idle. One checked out (a
 * transaction, a prepared statement's own connection) whose server backend goes away
 * (pg_terminate_backend, a restart) emits 'error', and an 'error' nobody listens to is an
 * uncaughtException. Nor may its holder ever give it back: the ORM's transaction does not when
 * its BEGIN is what failed, and each such connection would hold a place in the pool for good.
 * So a checked-out connection that reports its end goes back to the pool at once, to be dropped,
 * and its holder's own release, if it comes, does nothing. The holder's statement fails by
 * itself (a 503, see lib/server/log/connection-lost.ts): the connection is of no use to it any more.
 */
function reclaimLostConnections(pool: pg.Pool): void {
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (connection) => checkedOut.add(connection));
  pool.on("release", (_error, connection) => checkedOut.delete(connection));
  pool.on("connect", (connection) => {
    connection.on("error", (error) => {
      // An idle one is the pool's own 'error' listener's to drop.
      if (!checkedOut.has(connection)) return;
      const release = connection.release;
      connection.release = () => undefined;
      release(error);
    });
  });
}

/** Rows of a raw statement, whichever driver ran it. */
export async function rows<T>(executor: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
