import "server-only";

type Entry<V> = { startedAt: number; settled: boolean; value: Promise<V>; result?: V };

type Options = {
  /** How long a result is reused, counted from when its computation started (ms). */
  ttlMs: number;
  /** Most keys kept at once; past it the oldest goes, so a stream of new keys cannot grow memory. */
  maxEntries: number;
  /** The clock, in ms; the computation is given the same reading. */
  now?: () => number;
};

/**
 * At most one computation per key per `ttlMs`, shared: whoever asks while it runs awaits the same
 * promise, and whoever asks within `ttlMs` of its start gets its result. A computation that fails
 * is shared by those already waiting and then forgotten: the next ask computes again, so an error
 * is never served from memory. A clock that steps back makes every result old.
 */
export function singleFlight<V>({ ttlMs, maxEntries, now = () => Date.now() }: Options) {
  // Oldest first: a key computed again is moved to the end, so expiry and eviction start at the front.
  const entries = new Map<string, Entry<V>>();

  const current = (entry: Entry<V>, at: number) => {
    const age = at - entry.startedAt;
    return !entry.settled || (age >= 0 && age < ttlMs);
  };

  function dropExpired(at: number) {
    for (const [key, entry] of entries) {
      if (!current(entry, at)) entries.delete(key);
      else if (entry.settled) return;
    }
  }

  return {
    get(key: string, compute: (at: number) => Promise<V>): Promise<V> {
      const at = now();
      const known = entries.get(key);
      if (known && current(known, at)) return known.value;
      dropExpired(at);
      const entry: Entry<V> = { startedAt: at, settled: false, value: new Promise<V>((resolve) => resolve(compute(at))) };
      entries.delete(key);
      entries.set(key, entry);
      entry.value.then(
        (result) => void ((entry.settled = true), (entry.result = result)),
        () => void (entries.get(key) === entry && entries.delete(key)),
      );
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return entry.value;
    },

    /**
     * The result for `key` if one is held and current, without waiting or computing: for callers
     * that answer synchronously when they can and take the full path otherwise.
     */
    peek(key: string): V | undefined {
      const known = entries.get(key);
      return known?.settled && current(known, now()) ? known.result : undefined;
    },

    /** Keys held now (for tests of the bound). */
    get size(): number {
      return entries.size;
    },
  };
}
