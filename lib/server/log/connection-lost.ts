import "server-only";

// SQLSTATEs by which the server says it ended the session (an administrator's
// pg_terminate_backend or shutdown, a crash) or cannot take one now (starting, recovering, or
// all its connection slots taken: 53300, which a pool reconnecting after a cut may meet).
const NO_SESSION = new Set(["57P01", "57P02", "57P03", "53300"]);
// Class 08: connection exception (the connection could not be made, or broke).
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;
// The socket's own failures, before or during a statement.
const SOCKET_LOST = new Set(["ECONNRESET", "EPIPE", "ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
// The drivers' own words for a connection that ended or is closed: these errors carry no code.
// "Connection terminated" (unexpectedly, or due to a connection timeout) and "… is not queryable"
// are pg's; the pool and PGlite refuse work after they were closed at shutdown.
const LOST_MESSAGES = [
  /^Connection terminated\b/,
  /^Client (has encountered a connection error|was closed) and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^PGlite is closed$/,
];

/**
 * Whether `error` (or an error it wraps: the ORM wraps the driver's) means the database
 * connection was lost or could not be had, rather than that a statement was refused. Such a
 * failure says nothing about the request: the same request may succeed a moment later, on a
 * new connection or another instance, so it is answered `service_unavailable` with Retry-After,
 * never `internal_error`. A write whose connection broke may or may not have committed; the
 * client's retry with the same Idempotency-Key is what makes repeating it safe.
 */
export function isConnectionLost(error: unknown): boolean {
  return lost(error, 0);
}

function lost(error: unknown, depth: number): boolean {
  // A bound on the causes followed: an error may (wrongly) be its own cause's cause.
  if (!error || typeof error !== "object" || depth > 8) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && (NO_SESSION.has(code) || CONNECTION_EXCEPTION.test(code) || SOCKET_LOST.has(code))) return true;
  if (typeof message === "string" && LOST_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Node reports a refused connection to every address of a host as an AggregateError.
  if (Array.isArray(errors) && errors.some((e) => lost(e, depth + 1))) return true;
  return lost(cause, depth + 1);
}
