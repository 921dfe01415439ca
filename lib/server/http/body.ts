import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import type { BodyHold } from "./memory-budget";

/**
 * Reads a request body, refusing it as soon as it passes `maxBytes`: from the declared
 * Content-Length before reading anything, else while streaming, so an oversized upload never
 * sits whole in memory.
 *
 * With `hold` (the request's share of the memory budget, lib/server/http/memory-budget.ts), the
 * body's bytes are taken from the budget before they are read: a declared Content-Length all at
 * once, so a body that does not fit is refused (503) before a byte is read and one that fits is
 * never refused halfway; without one (chunked), as the chunks arrive.
 *
 * A body that stops arriving ends here too: a stream that fails (server.mjs drops an upload that
 * stalls) or a request the client gave up on (its signal) is `malformed_request`, never a 500,
 * and the caller's hold is given back with the request.
 */
export async function readBoundedBody(request: Request, maxBytes: number, hold?: BodyHold): Promise<Uint8Array> {
  const declared = declaredLength(request);
  if (declared !== null && declared > maxBytes) throw new AppError("payload_too_large");
  if (!request.body) return new Uint8Array();
  let taken = 0;
  if (hold && declared !== null) {
    hold.take(declared);
    taken = declared;
  }
  const reader = request.body.getReader();
  // A client that went away leaves a read waiting for bytes that will never come.
  const giveUp = () => void reader.cancel().catch(() => undefined);
  request.signal.addEventListener("abort", giveUp, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch(() => {
        throw incomplete();
      });
      if (request.signal.aborted) throw incomplete();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new AppError("payload_too_large");
      if (hold && total > taken) {
        hold.take(total - taken);
        taken = total;
      }
      chunks.push(value);
    }
  } catch (error) {
    // Refused midway (too large, or the budget is full): the rest is not read.
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    request.signal.removeEventListener("abort", giveUp);
  }
  return Buffer.concat(chunks, total);
}

/** The Content-Length the client declared, or null (none, or not a byte count). */
function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** The body did not arrive whole; nobody may be left to read the answer. */
function incomplete(): AppError {
  return new AppError("malformed_request");
}

export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}
