import "server-only";
import pino, { type DestinationStream } from "pino";
import { errorRecord } from "./error-record";

/**
 * The server's log: one JSON line per event on standard output (pino). What a line may carry is
 * fixed here: the event (a literal written in code), the request's id, method and resource, an
 * error only as `errorRecord` builds it, and fields a caller names. There is no way to hand the
 * logger a request, a body or an error's message, so personal data cannot reach it by accident.
 */

/** Which request a line is about: never what it carried. */
type RequestContext = { requestId: string; method: string; resource: string };

type Fields = Record<string, string | number | boolean | readonly string[]>;

type Entry = {
  /** Logged only through `errorRecord`: class, codes, constraint, plain words, stack frames. */
  error?: unknown;
  request?: RequestContext;
  /** Values the code itself produced (a port's id, a count), never input from a person. */
  fields?: Fields;
};

let stdout: DestinationStream | undefined;
let replacement: DestinationStream | null = null;

// Lines go through this indirection so a test can read them (setLogDestination); the file
// descriptor is opened on the first line. Synchronous: a start-up failure exits right after its
// line, which must not be lost in a buffer.
const output: DestinationStream = {
  write: (line) => (replacement ?? (stdout ??= pino.destination({ dest: 1, sync: true }))).write(line),
};

const logger = pino(
  {
    level: "info",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // The one serializer, and the only key an error is ever put under.
    serializers: { err: errorRecord },
  },
  output,
);

function write(level: "info" | "warn" | "error", event: string, { error, request, fields }: Entry = {}): void {
  // Fields first: they cannot overwrite the request or the error.
  logger[level]({ ...fields, ...request, ...(error !== undefined && { err: error }) }, event);
}

export const log = {
  info: (event: string, entry?: Entry) => write("info", event, entry),
  warn: (event: string, entry?: Entry) => write("warn", event, entry),
  error: (event: string, entry?: Entry) => write("error", event, entry),
};

/** The least severe level written (LOG_LEVEL, applied at start-up once the configuration is read). */
export function setLogLevel(level: "info" | "warn" | "error"): void {
  logger.level = level;
}

/** Tests read the log here; null puts standard output back. */
export function setLogDestination(destination: DestinationStream | null): void {
  replacement = destination;
}
