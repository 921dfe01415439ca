import "server-only";

// The two fields of a database error that code may branch on and a log may carry: the SQLSTATE
// and the constraint's name. Both are names the database or the schema defines, never a value a
// person sent. Here rather than in lib/server/db because the log reads them too, and only data/
// modules may import values from lib/server/db.

/** The first string `field` of a database error or its causes: the ORM wraps the driver's error. */
function errorField(error: unknown, field: "code" | "constraint", valid: (value: string) => boolean): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const value = (e as Record<string, unknown>)[field];
    if (typeof value === "string" && valid(value)) return value;
  }
  return undefined;
}

/**
 * The SQLSTATE of a database error, looking through the ORM's wrapping. No SQLSTATE class starts
 * with "E": a socket's EPIPE or ECONNRESET is not one (the connection is gone, not the statement).
 */
export function sqlState(error: unknown): string | undefined {
  return errorField(error, "code", (code) => /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code));
}

/** The name of the constraint a database error reports (a unique index, say). */
export function violatedConstraint(error: unknown): string | undefined {
  return errorField(error, "constraint", () => true);
}
