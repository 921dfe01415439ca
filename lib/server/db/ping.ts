import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "./database";

/** Opens the database if it is not open yet and runs a trivial query; throws when it cannot. */
export async function databaseAnswers(): Promise<boolean> {
  await (await getDb()).execute(sql`SELECT 1`);
  return true;
}
