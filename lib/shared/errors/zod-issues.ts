import { safeParse } from "zod/mini";
import type * as core from "zod/v4/core";
import { validationFailed, type Issue } from "./app-error";
import { isIssueKey } from "./issue-keys";


export function keyForIssue(issue: core.$ZodIssue): Pick<Issue, "key" | "values"> {
  if (isIssueKey(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case "invalid_type":
      return { key: issue.input === undefined ? "required" : "invalid_type" };
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { key: "too_long", values: { max } };
      if (issue.origin === "array") return { key: "too_many", values: { max } };
      return { key: "too_large", values: { max } };
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? { key: "required" } : { key: "too_short", values: { min } };
      if (issue.origin === "array") return { key: "too_few", values: { min } };
      return { key: "too_small", values: { min } };
    }
    case "invalid_format":
      return { key: issue.format === "email" ? "invalid_email" : "invalid_format" };
    case "invalid_value":
      return { key: "invalid_option" };
    default:
      return { key: "invalid_value" };
  }
}

/** Turns zod's issues into the API's: a dotted path (`travelers.0.dateOfBirth`) and a message key. */
function toIssues(error: core.$ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join("."),
    ...keyForIssue(issue),
  }));
}

/** Parses input with a schema, or throws `validation_failed` with the issues as message keys. */
export function parseOrThrow<T extends core.$ZodType>(schema: T, input: unknown): core.output<T> {
  // reportInput: tells "missing" from "wrong type"; the input itself never leaves the server.
  const result = safeParse(schema, input, { reportInput: true });
  if (!result.success) throw validationFailed(toIssues(result.error));
  return result.data;
}
