import type { Db } from "./client";

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
