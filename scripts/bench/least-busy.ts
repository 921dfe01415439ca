import { Dispatcher, Pool } from "undici";

/**
 * Sends each request to the server process with the fewest requests in flight, as a load
 * balancer's least-connections rule does, which is what the bench means to model.
 *
 * Not undici's BalancedPool, which the bench used before while saying it did this: that is a
 * weighted round robin whose weights drop by 15 for every socket a server closes and rise by 15
 * for every one opened, so after a quiet spell (Node closes idle keep-alive sockets after 5 s)
 * the burst's first wave was split by how its sockets happened to reconnect.
 */
export class LeastBusy extends Dispatcher {
  private readonly pools: Pool[];
  // Counted here, not read from the pools' stats: those lag behind a synchronous burst of
  // dispatches, which then all went to the first pool.
  private readonly inFlight: number[];

  constructor(origins: string[], options: Pool.Options) {
    super();
    this.pools = origins.map((origin) => new Pool(origin, options));
    this.inFlight = origins.map(() => 0);
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    let best = 0;
    for (let i = 1; i < this.pools.length; i++) if (this.inFlight[i] < this.inFlight[best]) best = i;
    this.inFlight[best]++;
    let finished = false;
    const finish = () => {
      if (!finished) this.inFlight[best]--;
      finished = true;
    };
    // The request ends with the last byte of its response or an error, under either of the
    // handler styles undici supports.
    const ends = new Set<PropertyKey>(["onComplete", "onError", "onResponseEnd", "onResponseError"]);
    const tracked = new Proxy(handler, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (!ends.has(property)) return value.bind(target);
        return (...args: unknown[]) => {
          finish();
          return value.apply(target, args);
        };
      },
    });
    return this.pools[best].dispatch(options, tracked);
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close()));
  }

  async destroy(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.destroy()));
  }
}
