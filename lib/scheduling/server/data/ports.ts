import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";
import { ports } from "@/lib/server/db/schema";

export type Port = typeof ports.$inferSelect;

/** Every port, by name. */
export async function listPorts(): Promise<Port[]> {
  const db = await getDb();
  return db.select().from(ports).orderBy(asc(ports.name));
}

/** The port with this id, if there is one; read in `tx` when given. */
export async function readPort(portId: string, tx?: Executor): Promise<Port | undefined> {
  const db = tx ?? (await getDb());
  const [port] = await db.select().from(ports).where(eq(ports.id, portId));
  return port;
}
