import type { FieldErrors, Resolver } from "react-hook-form";
import type { TravelerDraft } from "@/lib/scheduling/client/draft";

/**
 * The same checks as the server, run on the device, limited to one screen's `fields`. Errors keep
 * their message key as `type` and its values, as JSON, as `message`: the form holds no text.
 */
export function resolverFor(fields: readonly string[]): Resolver<TravelerDraft> {
  return async (values) => {
    // The shared schema (and zod) load on the first "Continue", not with the page: the person pays
    // for the validator only when they use it, and the page appears sooner on a slow phone.
    const { validateTraveler } = await import("@/lib/scheduling/client/traveler-validation");
    const problems = validateTraveler(values, new Date().toISOString().slice(0, 10)).filter((p) => fields.includes(p.field));
    if (problems.length === 0) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const p of problems) {
      const [head, tail] = p.field.split(".");
      const error = { type: p.key, message: JSON.stringify(p.values ?? {}) };
      if (tail) errors[head] = { ...(errors[head] as object), [tail]: error };
      else errors[head] = error;
    }
    return { values: {}, errors: errors as FieldErrors<TravelerDraft> };
  };
}
