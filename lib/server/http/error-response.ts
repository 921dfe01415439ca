import "server-only";
import { randomUUID } from "node:crypto";
import { translatorFor } from "@/lib/server/i18n/catalogs";
import { isConnectionLost } from "@/lib/server/log/connection-lost";
import { log } from "@/lib/server/log/logger";
import { negotiateLocale } from "@/lib/shared/i18n/locales";
import { AppError } from "@/lib/shared/errors/app-error";
import { errorStatus } from "@/lib/shared/errors/codes";

/** The header that names a request in its answer and in the server's log, for support to match. */
const REQUEST_ID_HEADER = "x-request-id";

/**
 * The one place an error becomes an HTTP response: its status from the code table, its messages
 * in the language the client asked for. Every 5xx is logged under the request's id, through the
 * log's error record only (lib/server/log): never the request's content nor the error's message.
 * The answer to an unexpected error is `internal_error`, with nothing internal.
 */
export function errorResponse(error: unknown, request: Request, requestId: string = randomUUID()): Response {
  const appError = error instanceof AppError ? error : unexpected(error);
  const status = errorStatus[appError.code];
  if (error instanceof AppError && error.code === "service_unavailable") {
    // Our own "not now" (the memory budget full, the instance stopping): expected under load, and
    // a line with a stack for each would flood the log just when it is read. Its code is enough.
    log.warn("request deferred", { fields: { code: error.code }, request: { requestId, method: request.method, resource: resourceOf(request) } });
  } else if (status >= 500) {
    log.error(error instanceof AppError ? "request failed" : "unexpected error", {
      error,
      request: { requestId, method: request.method, resource: resourceOf(request) },
    });
  }
  const t = translatorFor(negotiateLocale(request.headers.get("accept-language")), "errors");
  const body = {
    error: {
      code: appError.code,
      message: t(`codes.${appError.code}`),
      ...(appError.issues && {
        issues: appError.issues.map((issue) => ({
          path: issue.path,
          code: issue.key,
          message: t(`issues.${issue.key}`, issue.values),
        })),
      }),
      ...appError.details,
    },
  };
  const headers = new Headers({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  headers.set(REQUEST_ID_HEADER, requestId);
  if (appError.retryAfterSeconds !== undefined) headers.set("retry-after", String(appError.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * What an error nobody expected tells the client. A lost database connection says nothing about
 * the request: the same request may succeed a moment later on a new connection (the phone's
 * outbox retries with the same Idempotency-Key), so it is `service_unavailable` with Retry-After.
 */
function unexpected(error: unknown): AppError {
  return isConnectionLost(error) ? new AppError("service_unavailable", { retryAfterSeconds: 1 }) : new AppError("internal_error");
}

/** `response` with the request's id; a response whose headers are frozen is copied. */
export function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}

/**
 * The API resource a request addressed, without identifiers: "/api/v1/appointments" for
 * "/api/v1/appointments/{code}/confirm". An appointment's code is a credential's half, and
 * query strings carry dates a person chose.
 */
function resourceOf(request: Request): string {
  return URL.canParse(request.url) ? new URL(request.url).pathname.split("/").slice(0, 4).join("/") : "?";
}
