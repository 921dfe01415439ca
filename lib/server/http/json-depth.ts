import "server-only";

/**
 * How deeply JSON from a client may nest. An application nests four levels (application,
 * travelers, a traveler, its document); 64 leaves room for any honest client while keeping every
 * later walk of the value (zod, the idempotency fingerprint, JSON.stringify) far from the stack's
 * limit. JSON.parse itself is not recursive in V8, so a body nested 100,000 deep parses fine and
 * would only overflow later, as a 500 the phone's outbox would retry for ever.
 */
const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests objects and arrays deeper than the bound; walked level by level, without recursion. */
export function nestsTooDeeply(value: unknown): boolean {
  let level = isContainer(value) ? [value] : [];
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > MAX_JSON_DEPTH) return true;
    const next: object[] = [];
    for (const container of level) {
      for (const child of Object.values(container)) if (isContainer(child)) next.push(child);
    }
    level = next;
  }
  return false;
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === "object";
}
