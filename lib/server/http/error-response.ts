import "server-only";
import { translatorFor } from "@/lib/server/i18n/catalogs";
import { negotiateLocale } from "@/lib/shared/i18n/locales";
import { AppError } from "@/lib/shared/errors/app-error";
import { errorStatus } from "@/lib/shared/errors/codes";

/**
 * The one place an error becomes an HTTP response: its status from the code table, its messages
 * in the language the client asked for. Unexpected errors are logged without the request's
 * content (it may hold personal data) and answered as `internal_error`, with nothing internal.
 */
export function errorResponse(error: unknown, request: Request): Response {
  const appError = error instanceof AppError ? error : toInternal(error);
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
  if (appError.retryAfterSeconds !== undefined) headers.set("retry-after", String(appError.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status: errorStatus[appError.code], headers });
}

function toInternal(error: unknown): AppError {
  // Only the error's kind and stack: messages of database errors can quote the input.
  const name = error instanceof Error ? error.name : typeof error;
  const where = error instanceof Error ? error.stack?.split("\n").slice(1, 4).join(" | ") : "";
  console.error(`[puerta] unexpected ${name} ${where}`);
  return new AppError("internal_error");
}
