import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { IDEMPOTENCY_KEY_PATTERN } from "@/lib/shared/schemas/application";

/** The `Idempotency-Key` header: required, and of the contract's form. */
export function readIdempotencyKey(request: Request): string {
  const idempotencyKey = request.headers.get("idempotency-key");
  if (!idempotencyKey) throw new AppError("missing_idempotency_key");
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new AppError("invalid_idempotency_key");
  return idempotencyKey;
}
