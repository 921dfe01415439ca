import "server-only";
import { and, asc, eq, lte, ne, sql } from "drizzle-orm";
import type { Executor, Tx } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";
import { draws } from "@/lib/server/db/schema";

export type DrawRow = typeof draws.$inferSelect;
export type DrawStatus = DrawRow["status"];

/** Creates the day's draw row with its seed and commitment; a no-op if it exists (safe from several instances at once). */
export async function insertDrawIfMissing(
  db: Executor,
  draw: { portId: string; date: string; seed: string; commitment: string },
  now: Date,
): Promise<void> {
  await db
    .insert(draws)
    .values({ ...draw, status: "open", createdAt: now })
    .onConflictDoNothing();
}

export async function lockDraw(tx: Tx, portId: string, date: string): Promise<void> {
  // Transaction-scoped: released at commit or rollback, even if the process dies. PGlite has
  // pg_advisory_xact_lock too (and one connection), so the same statement runs on both.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`puerta:draw:${portId}:${date}`}))`);
}

/** The day's draw row, locked until the transaction ends; undefined if it was never made. */
export async function findDrawForUpdate(tx: Tx, portId: string, date: string): Promise<DrawRow | undefined> {
  const [row] = await tx.select().from(draws).where(and(eq(draws.portId, portId), eq(draws.date, date))).for("update");
  return row;
}

/** The day's draw row in the app's database (the public draw state), if it was made. */
export async function findDraw(portId: string, date: string): Promise<DrawRow | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(draws).where(and(eq(draws.portId, portId), eq(draws.date, date)));
  return row;
}

/** A port's draws not yet drawn, in date order; only those up to `through` when given. */
export async function undrawnDraws(db: Executor, portId: string, through?: string): Promise<{ date: string; status: DrawStatus }[]> {
  return db
    .select({ date: draws.date, status: draws.status })
    .from(draws)
    .where(and(eq(draws.portId, portId), ne(draws.status, "drawn"), through === undefined ? undefined : lte(draws.date, through)))
    .orderBy(asc(draws.date));
}

/** The draw is frozen: the hash of its entries is published and its input (all but the seed) kept in the row. */
export async function markFrozen(tx: Tx, portId: string, date: string, frozen: { entriesHash: string; input: unknown }, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE draws SET status = 'frozen', entries_hash = ${frozen.entriesHash}, publication = ${JSON.stringify(frozen.input)}::jsonb, frozen_at = ${now}
                       WHERE port_id = ${portId} AND date = ${date}`);
}

/**
 * The draw is drawn. The frozen input is in the row already: only what the draw adds (`added`) is
 * sent and merged into the publication, not the entries again.
 */
export async function markDrawn(tx: Tx, portId: string, date: string, added: object, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE draws SET status = 'drawn', publication = publication || ${JSON.stringify(added)}::jsonb, drawn_at = ${now}
                       WHERE port_id = ${portId} AND date = ${date}`);
}
