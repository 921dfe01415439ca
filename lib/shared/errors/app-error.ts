import type { ErrorCode } from "./codes";
import type { IssueKey } from "./issue-keys";

/** One problem with one field of the input; `key` names a message under `errors.issues`. */
export type Issue = {
  path: string;
  key: IssueKey;
  values?: Record<string, string | number>;
};

type Extras = {
  issues?: Issue[];
  /** Extra fields the contract adds to some errors (e.g. `alternatives` for `slot_full`). */
  details?: Record<string, unknown>;
  retryAfterSeconds?: number;
};

/** An expected failure with a stable code. Anything else that is thrown becomes `internal_error`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: Issue[];
  readonly details?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, extras: Extras = {}) {
    super(code);
    this.code = code;
    this.issues = extras.issues;
    this.details = extras.details;
    this.retryAfterSeconds = extras.retryAfterSeconds;
  }
}

export function validationFailed(issues: Issue[]): AppError {
  return new AppError("validation_failed", { issues });
}
