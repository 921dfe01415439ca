import "server-only";
import { fillPlaceholders, type Query, type SQL } from "drizzle-orm";
import pg from "pg";
import { sqlState } from "@/lib/server/log/database-error-fields";
import type { Db, Executor } from "./connection";
import { isConnectionLost } from "@/lib/server/log/connection-lost";

// Per database (tests open one per file), per query name.
const cache = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query built and prepared once per database and then only executed: the hot reads of a booking
 * request (the Idempotency-Key lookup, the port and slot, the alternatives of a full slot) skip
 * rebuilding their SQL in the ORM on every request, and on PostgreSQL each pooled connection
 * parses and plans them once (a named statement) instead of on every call.
 */
export function prepared<T>(db: Db, name: string, prepare: (db: Db, name: string) => T): T {
  let queries = cache.get(db);
  if (!queries) cache.set(db, (queries = new Map()));
  let query = queries.get(name) as T | undefined;
  if (query === undefined) queries.set(name, (query = prepare(db, name)));
  return query;
}

export type PreparedStatement = {
  /** Runs the statement in `executor` (a transaction too) with its placeholders' values; answers its rows. */
  execute<T>(executor: Executor, values: Record<string, unknown>): Promise<T[]>;
};

/**
 * A raw statement (data-modifying CTEs, say) built once per database and name, with
 * `sql.placeholder`s for its values: the ORM's query builders run once, not on the main thread
 * of every booking. Unlike `prepared` it runs in any
 * executor, including a transaction (a query the ORM prepares is bound to one connection); on
 * PostgreSQL it is still a named statement, parsed once per pooled connection.
 */
export function preparedStatement(db: Db, name: string, build: (db: Db) => SQL): PreparedStatement {
  // The statement object itself is what is kept, so a request only looks it up.
  return prepared(db, name, (d) => statementFor(d.execute(build(d)).getQuery(), name));
}

function statementFor(query: Query, name: string): PreparedStatement {
  return {
    async execute<T>(executor: Executor, values: Record<string, unknown>) {
      const pool = (executor as { $client?: unknown }).$client;
      if (pool instanceof pg.Pool) {
        // Not through pool.query: it closes the connection on ANY error, and the errors of a
        // booking's write are expected ones (a constraint refusing seats gone or a repeat). A rush
        // would otherwise open a new PostgreSQL backend for every such refusal. After an SQL
        // error the connection is sound (the statement's own transaction is rolled back); after
        // any other failure (a lost socket), or an SQLSTATE saying the server ended the session
        // (57P01 when an administrator terminated it), it is dropped: given back as sound, the
        // next request would take a dead connection from the pool.
        const connection = await pool.connect();
        let failure: Error | undefined;
        try {
          return (await connection.query<T & pg.QueryResultRow>({ name, text: query.sql, values: fillPlaceholders(query.params, values) })).rows;
        } catch (error) {
          if (!sqlState(error) || isConnectionLost(error)) failure = error as Error;
          throw error;
        } finally {
          connection.release(failure);
        }
      }
      const result = (await executor._.session.prepareQuery(query, undefined, name, false).execute(values)) as { rows: T[] };
      return result.rows;
    },
  };
}
