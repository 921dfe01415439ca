import "server-only";

type Held<V> = { startedAt: number; result: V };
type Entry<V> = { startedAt: number; settled: boolean; value: Promise<V>; result?: V; previous?: Held<V> };

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
      // The result this one replaces stays readable by peek while this one computes.
      const previous = known?.settled ? { startedAt: known.startedAt, result: known.result as V } : known?.previous;
      const entry: Entry<V> = { startedAt: at, settled: false, value: new Promise<V>((resolve) => resolve(compute(at))), previous };
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
     * The result for `key` if one is held and current, without waiting: for callers that answer
     * synchronously when they can and take the full path otherwise. With `staleMs`, a result up to
     * `staleMs` past `ttlMs` is answered too, once `refresh` has been started (shared as `get`'s),
     * and the last result stays answerable while its successor computes: under load, when the
     * event loop runs late, the held answer keeps being served rather than every request falling
     * through to the full path at once.
     */
    peek(key: string, { staleMs = 0, refresh }: { staleMs?: number; refresh?: (at: number) => Promise<V> } = {}): V | undefined {
      const at = now();
      const known = entries.get(key);
      if (!known) return undefined;
      const servable = (startedAt: number) => at - startedAt >= 0 && at - startedAt < ttlMs + staleMs;
      if (!known.settled) return known.previous && servable(known.previous.startedAt) ? known.previous.result : undefined;
      if (current(known, at)) return known.result;
      if (!servable(known.startedAt)) return undefined;
      // Past ttlMs but within staleMs: answered as it is, while the next result is computed.
      if (refresh) this.get(key, refresh).catch(() => undefined);
      return known.result;
    },

    /** Keys held now (for tests of the bound). */
    get size(): number {
      return entries.size;
    },
  };
}
