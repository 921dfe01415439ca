import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { sqlState, violatedConstraint } from "./database-error-fields";

/**
 * What a log line may say about an error. Built field by field from an allow-list, never copied:
 * an error's message, its other properties and its stack's first lines can hold what a person
 * sent (the ORM's "Failed query: …\nparams: …" holds names, passport numbers, photo bytes), so
 * none of them reaches the log as such.
 */
export type ErrorRecord = {
  /** The constructor's name (the ORM's errors keep the name "Error"). */
  class: string;
  /** The error's own code: an SQLSTATE, a Node.js code (ECONNRESET), an API error code. */
  code?: string;
  /** The first SQLSTATE in the error or its causes. */
  sqlState?: string;
  /** The constraint a database error names. */
  constraint?: string;
  /** Never a database error's; of another, only its leading plain words. */
  message?: string;
  /** "at function (file:line:column)", nothing else of the stack. */
  stack?: string[];
  /** The errors it wraps, outermost first. */
  causes?: CauseRecord[];
};

type CauseRecord = Pick<ErrorRecord, "class" | "code" | "message">;

const MAX_CAUSES = 4;
const MAX_FRAMES = 10;
const MAX_MESSAGE = 100;

// Names from code (classes, constraints): identifiers, or nothing.
const IDENTIFIER = /^[A-Za-z_$][\w$]{0,62}$/;
// SQLSTATEs, errno and Node.js codes (ECONNRESET, ERR_…): capitals, digits, underscores.
const SYSTEM_CODE = /^[A-Z0-9_]{2,40}$/;
// Fields only a database error carries: the driver's (pg, PGlite) and the ORM's (the query).
const DATABASE_FIELDS = ["severity", "routine", "detail", "where", "internalQuery", "query", "params"];

/** The log's only view of an error. Never throws: a line about a failure must not fail. */
export function errorRecord(error: unknown): ErrorRecord {
  try {
    return record(error);
  } catch {
    return { class: "unreadable" };
  }
}

function record(error: unknown): ErrorRecord {
  const [outer, ...causes] = causeChain(error).map(linkRecord);
  return compact({
    ...outer,
    sqlState: sqlState(error),
    constraint: identifier(violatedConstraint(error)),
    stack: frames(error),
    causes: causes.length > 0 ? causes : undefined,
  });
}

function causeChain(error: unknown): unknown[] {
  const chain = [error];
  for (let e = causeOf(error); e !== undefined && chain.length <= MAX_CAUSES && !chain.includes(e); e = causeOf(e)) chain.push(e);
  return chain;
}

function causeOf(error: unknown): unknown {
  return error !== null && typeof error === "object" ? (error as { cause?: unknown }).cause : undefined;
}

function linkRecord(link: unknown): CauseRecord {
  if (link === null || typeof link !== "object") return { class: typeof link };
  // A database error's message quotes values (`invalid input syntax for type date: "…"`, a
  // trigger's RAISE), and so does the ORM's around it, with the query and all its parameters.
  const message = isDatabaseError(link) ? undefined : plainMessage(link);
  return compact({ class: className(link), code: ownCode(link), message });
}

/** The driver's or the ORM's error, or one that wraps a database error. */
function isDatabaseError(link: object): boolean {
  return sqlState(link) !== undefined || hasDatabaseFields(link);
}

function identifier(value: unknown): string | undefined {
  return typeof value === "string" && IDENTIFIER.test(value) ? value : undefined;
}

/**
 * The constructor's name, else a name the error gives itself. Bundles minify names (PGlite's
 * DatabaseError is "O", its `name` "error"): a name shorter than three letters is no name, and a
 * nameless error with a database error's fields is called what it is.
 */
function className(error: object): string {
  const own = readableName(error.constructor?.name);
  if (own && own !== "Error") return own;
  const named = readableName((error as { name?: unknown }).name);
  if (named && named !== "Error") return named;
  if (hasDatabaseFields(error)) return "DatabaseError";
  return own ?? (error instanceof Error ? "Error" : "Object");
}

function readableName(value: unknown): string | undefined {
  const name = identifier(value);
  return name && name.length >= 3 && /^[A-Z]/.test(name) ? name : undefined;
}

function ownCode(error: object): string | undefined {
  // An API error's code is one of a closed set; any other code must look like a system's.
  if (error instanceof AppError) return error.code;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && SYSTEM_CODE.test(code) ? code : undefined;
}

function hasDatabaseFields(link: unknown): boolean {
  return link !== null && typeof link === "object" && DATABASE_FIELDS.some((field) => field in link);
}

/**
 * The message's leading run of plain words, cut at the first digit, quote, "@", "+", non-ASCII
 * letter or line break: "Cannot read properties of undefined (reading …" keeps what went wrong
 * and drops the quoted value; a phone number, an e-mail address or a quoted name never passes.
 */
function plainMessage(error: object): string | undefined {
  if (error instanceof AppError) return undefined; // its message is its code
  const message = (error as { message?: unknown }).message;
  if (typeof message !== "string") return undefined;
  const plain = (/^[A-Za-z ,.;:()_-]*/.exec(message)?.[0] ?? "").slice(0, MAX_MESSAGE).trim();
  if (plain === "") return undefined;
  return plain.length < message.trim().length ? `${plain} …` : plain;
}

// `at name (location)` or `at location`, where the location is a file (or node: module) with line
// and column. Anything else in a stack is dropped, whatever it looks like.
const FRAME = /^\s*at (?:((?:async )?(?:new )?[\w$.<>[\] ]{1,200}?) \()?((?:node:|file:\/\/|\/|[A-Za-z]:\\|webpack-internal:\/\/\/)[^\s()]*):(\d+):(\d+)\)?$/;

function frames(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || typeof error.stack !== "string") return undefined;
  const { stack, message } = error;
  // V8 writes "Name: message" first, and the message may span lines (the ORM's does, with the
  // query and its parameters): only what follows the message is read.
  const after = message && stack.includes(message) ? stack.indexOf(message) + message.length : stack.indexOf("\n") + 1;
  const lines = after > 0 ? stack.slice(after).split("\n") : [];
  const kept = lines.flatMap((line) => {
    const match = FRAME.exec(line);
    if (!match) return [];
    const [, name, location, row, column] = match;
    const where = `${relative(location)}:${row}:${column}`;
    return [name ? `at ${name} (${where})` : `at ${where}`];
  });
  return kept.length > 0 ? kept.slice(0, MAX_FRAMES) : undefined;
}

const cwd = `${process.cwd()}/`;

function relative(location: string): string {
  const path = location.startsWith("file://") ? location.slice("file://".length) : location;
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
