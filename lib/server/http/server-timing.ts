import "server-only";

/**
 * A `Server-Timing` header value (W3C Server Timing): where a request's time went on the server,
 * by phase, in milliseconds. Durations only, never a value from the request: whoever sees it (the
 * client, a proxy's log) learns how busy the server was, nothing of anyone's data. It tells a slow
 * answer's waiting (the rate limit's count, the submission line) from its work (the decision and
 * its database statement).
 */
export function serverTiming(phases: Record<string, number>): string {
  return Object.entries(phases)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(", ");
}
