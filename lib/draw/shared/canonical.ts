/**
 * Orderings and serialization that must come out the same in every JavaScript engine, since an
 * auditor re-runs the draw elsewhere: no `localeCompare` (its order depends on the ICU build) and
 * no reliance on object key order.
 */

/** Code-unit order: the same everywhere, unlike `localeCompare`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted at every level; arrays keep their order (sort sets beforehand). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    keys.sort(compareStrings);
    const fields = keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${fields.join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error("canonicalJson: non-finite number");
  if (value === undefined || typeof value === "function" || typeof value === "bigint") {
    throw new Error(`canonicalJson: cannot serialize ${typeof value}`);
  }
  return JSON.stringify(value);
}
