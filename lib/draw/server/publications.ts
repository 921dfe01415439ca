import "server-only";
import type { DrawPublication } from "@/lib/draw/shared/publication";
import { AppError } from "@/lib/shared/errors/app-error";
import { isCalendarDate } from "@/lib/shared/time/dates";
import { findDraw } from "./data/draws";
import { findPort } from "./data/ports";

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
  const port = await findPort(portId);
  if (port.mode !== "draw" || !isCalendarDate(date)) throw new AppError("draw_not_found");
  const row = await findDraw(port.id, date);
  if (!row) throw new AppError("draw_not_found");
  if (row.status === "drawn") return { status: "drawn", ...(row.publication as unknown as DrawPublication) };
  if (row.status === "frozen") {
    return { portId: port.id, date, status: "frozen", commitment: row.commitment, entriesHash: row.entriesHash! };
  }
  return { portId: port.id, date, status: "open", commitment: row.commitment };
}
