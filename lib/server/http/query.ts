import "server-only";
import { safeParse, type ZodMiniObject } from "zod/mini";
import type * as core from "zod/v4/core";
import { AppError } from "@/lib/shared/errors/app-error";
import type { ErrorCode } from "@/lib/shared/errors/codes";

/**
 * The URL's query parameters that `schema` names (one key, one parameter; a missing one is null),
 * validated with it; `invalid` when they fail it.
 */
export function readQuery<T extends ZodMiniObject>(request: Request, schema: T, invalid: ErrorCode): core.output<T> {
  const params = new URL(request.url).searchParams;
  const query = safeParse(schema, Object.fromEntries(Object.keys(schema.shape).map((name) => [name, params.get(name)])));
  if (!query.success) throw new AppError(invalid);
  return query.data;
}
