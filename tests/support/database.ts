import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "@/lib/server/db/connection";

/**
 * A database of this test file's own: in-memory PGlite, or — when DATABASE_URL is set — a new
 * database on that PostgreSQL server, dropped afterwards. Files run in parallel without sharing
 * seats, people or idempotency keys.
 */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ dataDir: "memory://" });
  const name = `puerta_test_${randomUUID().replaceAll("-", "")}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), dataDir: "", poolSize: 40 });
  return {
    ...database,
    url: target.toString(),
    close: async () => {
      await database.close();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function temporaryDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "puerta-test-"));
}
