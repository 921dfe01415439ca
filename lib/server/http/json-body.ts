import "server-only";
import type * as core from "zod/v4/core";
import { AppError } from "@/lib/shared/errors/app-error";
import { parseOrThrow } from "@/lib/shared/errors/zod-issues";
import { mediaType, readBoundedBody } from "./body";
import { nestsTooDeeply } from "./json-depth";

/** JSON bodies of the API are small (a slot id, a location); a larger one is refused unread. */
const MAX_JSON_BYTES = 64 * 1024;

/** An `application/json` body, validated with `schema` (`validation_failed` with its issues). */
export async function readJsonBody<T extends core.$ZodType>(request: Request, schema: T): Promise<core.output<T>> {
  return parseOrThrow(schema, await parseJson(request));
}

/** The same for a body the client may leave out: undefined when there is none. */
export async function readOptionalJsonBody<T extends core.$ZodType>(request: Request, schema: T): Promise<core.output<T> | undefined> {
  const hasBody = (request.headers.get("content-length") ?? "") !== "0" && request.body !== null;
  return hasBody ? readJsonBody(request, schema) : undefined;
}

async function parseJson(request: Request): Promise<unknown> {
  if (mediaType(request) !== "application/json") throw new AppError("unsupported_media_type");
  const text = new TextDecoder().decode(await readBoundedBody(request, MAX_JSON_BYTES));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("malformed_request");
  }
  // Unreadable like broken JSON: no body of these endpoints nests more than two levels.
  if (nestsTooDeeply(body)) throw new AppError("malformed_request");
  return body;
}
