import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";
import { deploymentKeys } from "@/lib/server/db/schema";

export type KeyPurpose = (typeof deploymentKeys.$inferSelect)["purpose"];

/** A key as the database keeps it: `secret` is the private JWK as JSON, or the pepper. */
export type StoredKey = { purpose: KeyPurpose; kid: string; secret: string; retired: boolean };

export type NewKey = Omit<StoredKey, "retired">;

/** The process's own database: keys.ts reaches it only through this data module. */
export { getDb as processDatabase };

/** Every key of the deployment, the current ones first, then the retired, newest first. */
export async function readDeploymentKeys(db: Executor): Promise<StoredKey[]> {
  const found = await db
    .select()
    .from(deploymentKeys)
    .orderBy(sql`${deploymentKeys.retiredAt} DESC NULLS FIRST`, asc(deploymentKeys.createdAt));
  return found.map((row) => ({ purpose: row.purpose, kid: row.kid, secret: row.secret, retired: row.retiredAt !== null }));
}

/**
 * Stores `keys` as the current ones of their purposes unless the deployment has one already, and
 * reads back what it holds. Instances starting together on an empty database converge: under the
 * lock one stores, the others find its keys (and ON CONFLICT, via the one-current index, would
 * keep the first even without the lock).
 */
export async function storeFirstKeys(db: Db, keys: NewKey[], now: Date): Promise<StoredKey[]> {
  return db.transaction(async (tx) => {
    await lockKeys(tx);
    if (keys.length > 0) {
      await tx
        .insert(deploymentKeys)
        .values(keys.map((key) => ({ ...key, createdAt: now })))
        .onConflictDoNothing();
    }
    return readDeploymentKeys(tx);
  });
}

/**
 * Makes `key` the current key of its purpose and retires the one before (kept: what was sealed
 * to it or signed with it stays usable). Answers the retired key's kid, if there was one.
 */
export async function replaceCurrentKey(db: Db, key: NewKey, now: Date): Promise<string | null> {
  return db.transaction(async (tx) => {
    await lockKeys(tx);
    const retired = await tx
      .update(deploymentKeys)
      .set({ retiredAt: now })
      .where(and(eq(deploymentKeys.purpose, key.purpose), isNull(deploymentKeys.retiredAt)))
      .returning({ kid: deploymentKeys.kid });
    // A key retired before and brought back becomes current again rather than a second row.
    await tx
      .insert(deploymentKeys)
      .values({ ...key, createdAt: now })
      .onConflictDoUpdate({ target: [deploymentKeys.purpose, deploymentKeys.kid], set: { retiredAt: null } });
    return retired[0]?.kid ?? null;
  });
}

/** Start-up and rotation take their turns, on PostgreSQL across instances (PGlite has the call too). */
async function lockKeys(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('puerta:keys'))`);
}
