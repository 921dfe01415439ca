import { describe, expect, it } from "vitest";
import { isConnectionLost } from "@/lib/server/log/connection-lost";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
// How the ORM wraps a driver's error: its own message (quoting the statement), the driver's as cause.
const wrapped = (cause: unknown) => new Error("Failed query: select 1\nparams: ", { cause });

describe("isConnectionLost", () => {
  it("knows the server ending a session, by SQLSTATE, also wrapped by the ORM", () => {
    for (const code of ["57P01", "57P02", "57P03", "53300", "08000", "08003", "08006", "08001", "08P01"]) {
      expect(isConnectionLost(withCode(code)), code).toBe(true);
      expect(isConnectionLost(wrapped(withCode(code))), `wrapped ${code}`).toBe(true);
    }
  });

  it("knows a socket's failures, one address or several", () => {
    for (const code of ["ECONNRESET", "EPIPE", "ECONNREFUSED", "ETIMEDOUT"]) expect(isConnectionLost(wrapped(withCode(code))), code).toBe(true);
    const everyAddress = Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), { code: undefined });
    expect(isConnectionLost(everyAddress)).toBe(true);
  });

  it("knows the drivers' words for a connection gone or closed", () => {
    for (const message of [
      "Connection terminated unexpectedly",
      "Connection terminated",
      "Connection terminated due to connection timeout",
      "Client has encountered a connection error and is not queryable",
      "Client was closed and is not queryable",
      "timeout exceeded when trying to connect",
      "Cannot use a pool after calling end on the pool",
      "PGlite is closed",
    ]) {
      expect(isConnectionLost(wrapped(new Error(message))), message).toBe(true);
    }
  });

  it("leaves statements the database refused, and everything else, alone", () => {
    for (const code of ["23505", "23514", "22012", "40001", "40P01", "57014", "42P01", "53200", "ERR_INVALID_ARG_TYPE"]) {
      expect(isConnectionLost(wrapped(withCode(code))), code).toBe(false);
    }
    for (const value of [undefined, null, "Connection terminated", 42, new Error("boom"), new TypeError("x is not a function")]) {
      expect(isConnectionLost(value)).toBe(false);
    }
    // The ORM quotes the statement in its own message: a query's text never counts.
    expect(isConnectionLost(new Error("Failed query: SELECT 'Connection terminated'"))).toBe(false);
  });

  it("stops on a cycle of causes", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isConnectionLost(a)).toBe(false);
  });
});
