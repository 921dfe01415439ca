import "server-only";
import { safeParse } from "zod/mini";
import type * as core from "zod/v4/core";
import { AppError } from "@/lib/shared/errors/app-error";
import type { ErrorCode } from "@/lib/shared/errors/codes";

/**
 * A path parameter (`/ports/{portId}`, `/appointments/{code}`, …) checked with `schema` before the
 * domain sees it. A value the schema refuses (a NUL byte, which PostgreSQL cannot hold in text and
 * would answer with an error; half a surrogate pair; an absurd length) names nothing that exists,
 * so it hears what an unknown value hears: `notFound`, the contract's 404 for that resource. That
 * keeps one answer per endpoint for "no such thing", and teaches a prober nothing new.
 */
export function readPathParam<T extends core.$ZodType>(value: string, schema: T, notFound: ErrorCode): core.output<T> {
  const parsed = safeParse(schema, value);
  if (!parsed.success) throw new AppError(notFound);
  return parsed.data;
}
