import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db/database";
import { draws } from "@/lib/server/db/schema";
import type { DrawPublication } from "@/lib/draw/shared/publication";
import { AppError } from "@/lib/shared/errors/app-error";
import { findPort } from "@/lib/scheduling/server/data";
import { isCalendarDate } from "@/lib/shared/time/dates";

export type DrawState =
  | { portId: string; date: string; status: "open"; commitment: string }
  | { portId: string; date: string; status: "frozen"; commitment: string; entriesHash: string }
  | ({ status: "drawn" } & DrawPublication);

/**
 * What a draw has published so far: its seed's commitment while requests are collected, plus the
 * entries' hash once frozen, and the whole re-checkable publication (seed included) once drawn.
 * The seed is never shown before the draw has run.
 */
export async function getDrawState(portId: string, date: string): Promise<DrawState> {
  const db = await getDb();
  const port = await findPort(db, portId);
  if (port.mode !== "draw" || !isCalendarDate(date)) throw new AppError("draw_not_found");
  const [row] = await db.select().from(draws).where(and(eq(draws.portId, port.id), eq(draws.date, date)));
  if (!row) throw new AppError("draw_not_found");
  if (row.status === "drawn") return { status: "drawn", ...(row.publication as unknown as DrawPublication) };
  if (row.status === "frozen") {
    return { portId: port.id, date, status: "frozen", commitment: row.commitment, entriesHash: row.entriesHash! };
  }
  return { portId: port.id, date, status: "open", commitment: row.commitment };
}
