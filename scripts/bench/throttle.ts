import net from "node:net";

/**
 * A slow mobile link in front of a local server: every byte between the browser and the server
 * crosses it, whichever part of the browser asked (the page or its service worker: the browser's
 * network emulation is set per target, and the worker is a target of its own), and it counts them as sent on
 * the wire (headers and compressed bodies), which is what a prepaid plan pays for.
 *
 * Each direction is one shared pipe of `bytesPerSecond`: chunks queue for it in order, then arrive
 * half a round trip later.
 */
export type LinkProfile = { rttMs: number; downKbps: number; upKbps: number };

// Lighthouse's "slow 4G" (its simulated mobile throttling, as the issue asks for it).
export const SLOW_4G: LinkProfile = { rttMs: 150, downKbps: 1600, upKbps: 750 };

class Pipe {
  private freeAt = 0;
  bytes = 0;
  constructor(private readonly bytesPerMs: number, private readonly delayMs: number) {}

  /** When a chunk of `size` bytes handed over now arrives at the other end. */
  arrival(size: number): number {
    const start = Math.max(Date.now(), this.freeAt);
    this.freeAt = start + size / this.bytesPerMs;
    this.bytes += size;
    return this.freeAt + this.delayMs;
  }
}

export type Throttle = { port: number; downBytes: () => number; reset: () => void; close: () => Promise<void> };

export async function startThrottle(upstreamPort: number, profile: LinkProfile): Promise<Throttle> {
  const perMs = (kbps: number) => (kbps * 1000) / 8 / 1000;
  let down = new Pipe(perMs(profile.downKbps), profile.rttMs / 2);
  let up = new Pipe(perMs(profile.upKbps), profile.rttMs / 2);
  const sockets = new Set<net.Socket>();

  // Chunks are delivered strictly in order from one queue per direction of a connection: separate
  // timers could fire out of order when two arrival times coincide, and scramble the stream.
  const relay = (from: net.Socket, to: net.Socket, pipe: () => Pipe) => {
    const queue: { at: number; chunk: Buffer | null }[] = [];
    let timer: NodeJS.Timeout | null = null;
    const deliver = () => {
      timer = null;
      while (queue.length && queue[0].at <= Date.now()) {
        const { chunk } = queue.shift()!;
        if (to.destroyed) return;
        if (chunk) to.write(chunk);
        else to.end(); // the close follows the last chunk over the link, not ahead of it
      }
      if (queue.length) timer = setTimeout(deliver, Math.max(0, queue[0].at - Date.now()));
    };
    const push = (chunk: Buffer | null) => {
      queue.push({ at: pipe().arrival(chunk?.length ?? 0), chunk });
      if (!timer) timer = setTimeout(deliver, Math.max(0, queue[0].at - Date.now()));
    };
    from.on("data", (chunk: Buffer) => push(chunk));
    from.on("end", () => push(null));
    from.on("error", () => to.destroy());
    from.on("close", () => {
      if (!queue.length) to.end();
    });
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    relay(client, upstream, () => up);
    relay(upstream, client, () => down);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    downBytes: () => down.bytes,
    reset: () => {
      down = new Pipe(perMs(profile.downKbps), profile.rttMs / 2);
      up = new Pipe(perMs(profile.upKbps), profile.rttMs / 2);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
