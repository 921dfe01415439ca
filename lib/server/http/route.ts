import "server-only";
import { randomUUID } from "node:crypto";
import { errorResponse, withRequestId } from "./error-response";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler so every failure, expected or not, answers in the one error shape, and
 * every answer carries the request's id (`x-request-id`): the one thing a person can quote to
 * support that leads to the server's log line, which holds nothing else of theirs.
 */
export function apiRoute<C = unknown>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const requestId = randomUUID();
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (error) {
      return errorResponse(error, request, requestId);
    }
    return withRequestId(response, requestId);
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** The bearer secret from `Authorization: Bearer …`, or null. */
export function bearerSecret(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1] : null;
}
