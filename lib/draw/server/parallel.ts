import "server-only";
/**
 * Ports draw independently (their own requests, slots and draw rows; one person holds one active
 * request in all ports), so two can draw at once: while Node allocates and hashes one port,
 * PostgreSQL writes another's results, and a 2-core machine uses both cores. More than two only
 * adds contention. PGlite runs one transaction at a time, so there it changes nothing.
 */
export const PORTS_AT_ONCE = 2;

/** Runs `work` over `items`, at most `limit` at a time; rejects with the first failure. */
export async function eachWithLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
