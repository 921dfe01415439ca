import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { Counter, Latencies, type LatencySummary } from "./stats";

/**
 * The crowd at the minute slots open: phones that keep asking a port's availability. Each poller
 * is one keep-alive connection's worth of client, sends the headers a browser with an HTTP cache
 * sends (`If-None-Match` with the ETag it last got, `Accept-Encoding`), and asks again as soon as
 * it has its answer (or after a think time). Whether the server answers 304 or not, both are
 * counted: the bench measures the server as it is.
 *
 * Every answer is logged with its completion time, so one run can be cut into windows (before the
 * bookers start, while they book) after the fact.
 */

// What Chrome and Android's WebView send; the server may compress the body for it.
const ACCEPT_ENCODING = "gzip, deflate, br";

export type PollWindow = {
  seconds: number;
  requests: number;
  perSecond: number;
  statuses: Counter;
  latency: LatencySummary;
  /** Response body bytes as they came over the wire (compressed if the server compressed). */
  bytes: number;
};

export type PollHeaders = { etag: string | null; cacheControl: string | null; contentEncoding: string | null };

export class PollCrowd {
  // One entry per answered (or failed) poll; parallel arrays keep the per-poll cost a few pushes.
  private readonly ends: number[] = [];
  private readonly latencies: number[] = [];
  private readonly statuses: string[] = [];
  private readonly bytes: number[] = [];
  private running: Promise<void>[] = [];
  private stopping = false;
  /** The first 200's caching headers, so the report can say what the server offered. */
  firstHeaders: PollHeaders | null = null;
  /** First body seen for each unexpected status, for diagnosis. */
  readonly samples = new Map<string, string>();

  constructor(
    private readonly pool: Dispatcher,
    private readonly path: string,
    private readonly locale: string,
    private readonly thinkMs: number,
  ) {}

  start(clients: number): void {
    this.stopping = false;
    this.running = Array.from({ length: clients }, () => this.client());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
    this.running = [];
  }

  /** Answers completed in [from, to) (performance.now() times). */
  window(from: number, to: number): PollWindow {
    const statuses = new Counter();
    const latencies = new Latencies();
    let bytes = 0;
    for (let i = 0; i < this.ends.length; i++) {
      if (this.ends[i] < from || this.ends[i] >= to) continue;
      statuses.add(this.statuses[i]);
      latencies.add(this.latencies[i]);
      bytes += this.bytes[i];
    }
    const seconds = (to - from) / 1000;
    return { seconds, requests: latencies.count, perSecond: latencies.count / seconds, statuses, latency: latencies.summary(), bytes };
  }

  /** Answers completed since `from`, for progress lines. */
  countSince(from: number): number {
    let n = 0;
    for (let i = this.ends.length - 1; i >= 0 && this.ends[i] >= from; i--) n++;
    return n;
  }

  /** Every status seen in the whole run (all windows), for the error tally. */
  allStatuses(): Counter {
    const statuses = new Counter();
    for (const status of this.statuses) statuses.add(status);
    return statuses;
  }

  private async client(): Promise<void> {
    let etag: string | null = null;
    // Spread the first wave over a few milliseconds, as phones' requests do not arrive in one tick.
    await sleep(Math.random() * 20);
    while (!this.stopping) {
      const t0 = performance.now();
      const answer = await this.poll(etag);
      const t1 = performance.now();
      if (answer.status === "200") etag = answer.etag;
      this.ends.push(t1);
      this.latencies.push(t1 - t0);
      this.statuses.push(answer.status);
      this.bytes.push(answer.size);
      if (this.thinkMs > 0 && !this.stopping) await sleep(this.thinkMs * (0.5 + Math.random()));
      // A failing server answers at once: without a pause a network error would spin this loop.
      else if (answer.status === "network error") await sleep(50);
    }
  }

  /**
   * One request, through undici's handler interface rather than `request()`: no stream and no
   * async iterator per response, only byte counts. Against an instant server on this machine (1,000
   * pollers, 304s) it took ~70 µs of CPU per poll where `request()` took ~85, and one thread sent
   * 1.3–1.6× as many polls a second (8,000–13,000): on 2 cores the bench's CPU is the servers' loss.
   */
  private poll(etag: string | null): Promise<{ status: string; size: number; etag: string | null }> {
    const headers: Record<string, string> = { "accept-encoding": ACCEPT_ENCODING, "accept-language": this.locale };
    if (etag) headers["if-none-match"] = etag;
    return new Promise((resolve) => {
      let status = "network error";
      let size = 0;
      let tag: string | null = null;
      let sample: Buffer[] | null = null; // the body of an unexpected status, for diagnosis
      this.pool.dispatch(
        { method: "GET", path: this.path, headers },
        {
          onRequestStart: () => undefined,
          onResponseStart: (_controller, statusCode, responseHeaders) => {
            status = String(statusCode);
            if (statusCode === 200) {
              tag = headerOf(responseHeaders.etag);
              this.firstHeaders ??= {
                etag: tag,
                cacheControl: headerOf(responseHeaders["cache-control"]),
                contentEncoding: headerOf(responseHeaders["content-encoding"]),
              };
            } else if (statusCode !== 304 && !this.samples.has(status)) sample = [];
          },
          onResponseData: (_controller, chunk) => {
            size += chunk.length;
            sample?.push(chunk);
          },
          onResponseEnd: () => {
            if (sample) this.samples.set(status, Buffer.concat(sample).toString("utf8").slice(0, 300));
            resolve({ status, size, etag: tag });
          },
          onResponseError: (_controller, error) => {
            if (!this.samples.has("network error")) this.samples.set("network error", error.message);
            resolve({ status: "network error", size, etag: null });
          },
        },
      );
    });
  }
}

function headerOf(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
