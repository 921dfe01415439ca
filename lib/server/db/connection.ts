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
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // `min`: a connection a rush opened is kept, not closed after 10 s idle. Slots open at a known
  // minute after a quiet spell; without this the first seconds of that rush would wait for
  // PostgreSQL to start a backend per connection, each then planning every statement afresh.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, min: poolSize });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool
  // replaces it on next use.
  pool.on("error", (error) => console.error(`[puerta] idle database connection lost (${sqlState(error) ?? "?"})`));
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

/** Rows of a raw statement, whichever driver ran it. */
export async function rows<T>(executor: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The first string `field` of a database error or its causes: the ORM wraps the driver's error. */
function errorField(error: unknown, field: "code" | "constraint", valid: (value: string) => boolean): string | undefined {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const value = (e as Record<string, unknown>)[field];
    if (typeof value === "string" && valid(value)) return value;
  }
  return undefined;
}

/** The SQLSTATE of a database error, looking through the ORM's wrapping. */
export function sqlState(error: unknown): string | undefined {
  return errorField(error, "code", (code) => /^[0-9A-Z]{5}$/.test(code));
}

/** The name of the constraint a database error reports (a unique index, say). */
export function violatedConstraint(error: unknown): string | undefined {
  return errorField(error, "constraint", () => true);
}
