import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/shared/errors/app-error";
import { errorRecord } from "./error-record";

/** Shaped like the ORM's DrizzleQueryError: the query and its values in a multi-line message. */
class DrizzleQueryError extends Error {
  constructor(
    readonly query: string,
    readonly params: unknown[],
    cause: unknown,
  ) {
    super(`Failed query: ${query}\nparams: ${params}`, { cause });
  }
}

/** Shaped like pg's and PGlite's DatabaseError. */
class DatabaseError extends Error {
  severity = "ERROR";
  detail: string | undefined;
  constructor(
    message: string,
    readonly code: string,
    readonly constraint?: string,
  ) {
    super(message);
  }
}

describe("errorRecord", () => {
  it("keeps a database error's class, SQLSTATE, constraint and frames, and nothing it quotes", () => {
    const cause = new DatabaseError('invalid input syntax for type date: "María"', "22007", "travelers_pkey");
    cause.detail = "Key (passport)=(X1234567)";
    // A value shaped like a stack frame inside the message must not pass as one.
    const error = new DrizzleQueryError('insert into "travelers" values ($1, $2)', ["María Pérez", "\n    at /home/X1234567:1:2"], cause);
    const record = errorRecord(error);
    expect(record).toMatchObject({
      class: "DrizzleQueryError",
      sqlState: "22007",
      constraint: "travelers_pkey",
      causes: [{ class: "DatabaseError", code: "22007" }],
    });
    const text = JSON.stringify(record);
    for (const secret of ["María", "Pérez", "X1234567", "insert into", "Failed query", "params"]) expect(text).not.toContain(secret);
    expect(record.stack!.length).toBeGreaterThan(0);
    for (const frame of record.stack!) expect(frame).toMatch(/^at .*:\d+:\d+\)?$/);
  });

  it("keeps the plain words of what a database error wraps when that is no database error", () => {
    const lost = new Error("Connection terminated unexpectedly");
    const record = errorRecord(new DrizzleQueryError("select $1", ["María"], lost));
    expect(record.message).toBeUndefined();
    expect(record.causes).toEqual([{ class: "Error", message: "Connection terminated unexpectedly" }]);
  });

  it("calls a minified database error (PGlite's) by what it is", () => {
    class O extends Error {
      name = "error";
      severity = "ERROR";
      code = "P0001";
    }
    expect(errorRecord(new O("refusing María"))).toMatchObject({ class: "DatabaseError", sqlState: "P0001" });
    expect(errorRecord(new O("refusing María")).message).toBeUndefined();
  });

  it("keeps only the plain words that lead another error's message", () => {
    expect(errorRecord(new TypeError("Cannot read properties of undefined (reading 'givenNames')")).message).toBe(
      "Cannot read properties of undefined (reading …",
    );
    expect(errorRecord(new SyntaxError('Unexpected token \'M\', "María" is not valid JSON')).message).toBe("Unexpected token …");
    expect(errorRecord(new Error("call +52 664 123 4567")).message).toBe("call …");
    expect(errorRecord(new Error("Connection terminated unexpectedly")).message).toBe("Connection terminated unexpectedly");
    expect(errorRecord(new Error("PGlite is closed"))).toMatchObject({ class: "Error", message: "PGlite is closed" });
  });

  it("names system codes and API codes, and nothing that is not shaped like one", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(errorRecord(refused)).toMatchObject({ code: "ECONNREFUSED", message: "connect ECONNREFUSED …" });
    expect(errorRecord(refused).sqlState).toBeUndefined();
    expect(errorRecord(new AppError("internal_error"))).toMatchObject({ class: "AppError", code: "internal_error" });
    expect(errorRecord(Object.assign(new Error("x"), { code: "María Pérez" })).code).toBeUndefined();
  });

  it("says only the kind of a thrown value that is not an error, and survives cycles", () => {
    expect(errorRecord("María Pérez")).toEqual({ class: "string" });
    expect(errorRecord({ name: "María" })).toEqual({ class: "Object" });
    const looped = new Error("loop");
    (looped as { cause?: unknown }).cause = looped;
    expect(errorRecord(looped)).toMatchObject({ class: "Error", message: "loop" });
  });
});
