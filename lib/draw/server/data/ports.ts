import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/connection";
import { getDb } from "@/lib/server/db/database";
import { ports } from "@/lib/server/db/schema";
import { AppError } from "@/lib/shared/errors/app-error";

export type Port = typeof ports.$inferSelect;

/** Every port that gives its seats by draw, in id order. */
export async function listDrawPorts(db: Executor): Promise<Port[]> {
  return db.select().from(ports).where(eq(ports.mode, "draw")).orderBy(asc(ports.id));
}

/** The port if it gives its seats by draw; undefined for an unknown port or one of another mode. */
export async function findDrawPort(tx: Executor, portId: string): Promise<Port | undefined> {
  const [port] = await tx.select().from(ports).where(eq(ports.id, portId));
  return port?.mode === "draw" ? port : undefined;
}

/** A port of the app's database, whatever its mode: `port_not_found` if there is none. */
export async function findPort(portId: string): Promise<Port> {
  const db = await getDb();
  const [port] = await db.select().from(ports).where(eq(ports.id, portId));
  if (!port) throw new AppError("port_not_found");
  return port;
}
