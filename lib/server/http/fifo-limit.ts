import "server-only";
/**
 * At most `max` calls of `work` at a time; the rest wait their turn, first come first served.
 * For CPU-bound work on one event loop: a hundred requests interleaved all finish late, while the
 * same hundred in line finish one after another (same total time, shorter waits, fewer bodies and
 * promises alive at once).
 */
export function fifoLimit(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot jump the queue.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
