import { randomBytes } from "node:crypto";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { IncomingHttpHeaders } from "node:http";
import { Pool } from "undici";
import { multipart } from "./abuse-material";
import { Counter, Latencies } from "./stats";

/**
 * The six abusive clients of bench:abuse, one network address each (the server trusts one proxy
 * hop, so X-Forwarded-For names it, and the rate limit counts each on its own). Each does one
 * thing the issue saw hurt normal bookings, over and over until stopped, and counts how it was
 * answered: an HTTP status and error code, or how long the server let its socket live.
 */
export type Abuser = {
  name: string;
  what: string;
  address: string;
  outcomes: Counter;
  /** By answer, seconds from connecting until the socket closed (the raw-socket abusers only). */
  heldFor?: Map<string, Latencies>;
  run: (stop: AbortSignal) => Promise<void>;
};

export type Target = { origin: string; port: number };
type Body = { body: Buffer; contentType: string };

const PATH = "/api/v1/appointments";
const key = () => `abuse-${randomBytes(12).toString("base64url")}`;

/** What came back: "201", "409 slot_full", "503 service_unavailable", …; a 503 also says whether it carried what it must. */
function answerOf(status: number, text: string, headers: IncomingHttpHeaders): string {
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    // not JSON: the bare status
  }
  const label = code ? `${status} ${code}` : String(status);
  if (status !== 503) return label;
  const complete =
    Number(headers["retry-after"]) > 0 && headers["x-content-type-options"] === "nosniff" && String(headers["content-security-policy"]).includes("default-src 'none'");
  return `${label}${complete ? "" : " WITHOUT Retry-After or security headers"}`;
}

/** An abuser that POSTs bodies from `concurrency` connections, each sending the next once answered. */
function poster(
  name: string,
  what: string,
  address: string,
  concurrency: number,
  target: Target,
  next: () => Body,
): Abuser {
  const outcomes = new Counter();
  return {
    name,
    what,
    address,
    outcomes,
    async run(stop) {
      const pool = new Pool(target.origin, { connections: concurrency, headersTimeout: 180_000, bodyTimeout: 180_000 });
      const loop = async () => {
        while (!stop.aborted) {
          const { body, contentType } = next();
          let answer: string;
          try {
            const response = await pool.request({
              method: "POST",
              path: PATH,
              headers: { "content-type": contentType, "idempotency-key": key(), "x-forwarded-for": address, "accept-language": "es" },
              body,
              signal: stop,
            });
            answer = answerOf(response.statusCode, await response.body.text(), response.headers);
          } catch (error) {
            if (stop.aborted) return;
            answer = `connection failed (${(error as { code?: string }).code ?? "error"})`;
          }
          outcomes.add(answer);
          // Refused for its rate: it goes on, but not in a tight loop (a request flood is a
          // different attack, for a proxy in front to stop).
          if (answer.startsWith("429") || answer.startsWith("connection failed")) await sleep(1000, undefined, { signal: stop }).catch(() => undefined);
        }
      };
      try {
        await Promise.all(Array.from({ length: concurrency }, loop));
      } finally {
        await pool.destroy().catch(() => undefined);
      }
    },
  };
}

/**
 * A raw connection that sends `start` (headers and perhaps part of a body), then `drip` every
 * `dripMs` if given, and waits for the server: an answer (counted by its status and code), or the
 * socket closed without one (dropped), with how long the server kept it.
 */
function rawAttempt(target: Target, start: Buffer, stop: AbortSignal, drip?: { text: string; everyMs: number }): Promise<{ answer: string; seconds: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const socket = net.connect(target.port, "127.0.0.1");
    let received = "";
    let timer: NodeJS.Timeout | undefined;
    const end = () => socket.destroy();
    stop.addEventListener("abort", end, { once: true });
    socket.on("error", () => undefined);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      // Once the whole answer is in (by its length, or the last chunk), a refused upload need not
      // wait for the server to close.
      const head = received.indexOf("\r\n\r\n");
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(received)?.[1] ?? Number.NaN);
      if (head !== -1 && (received.length - head - 4 >= length || received.endsWith("\r\n0\r\n\r\n"))) socket.destroy();
    });
    socket.on("close", () => {
      clearInterval(timer);
      stop.removeEventListener("abort", end);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      const code = /"code":"([a-z_]+)"/.exec(received)?.[1];
      const answer = status ? `${status}${code ? ` ${code}` : ""}` : stop.aborted ? "still open when the run ended" : "dropped without an answer";
      resolve({ answer, seconds: (performance.now() - t0) / 1000 });
    });
    socket.write(start);
    if (drip) timer = setInterval(() => socket.writable && socket.write(drip.text), drip.everyMs);
  });
}

/** An abuser that keeps `connections` raw attempts going, a new one as soon as one ends. */
function rawAbuser(
  name: string,
  what: string,
  address: string,
  connections: number,
  attempt: (address: string, stop: AbortSignal) => Promise<{ answer: string; seconds: number }>,
): Abuser {
  const outcomes = new Counter();
  const heldFor = new Map<string, Latencies>();
  return {
    name,
    what,
    address,
    outcomes,
    heldFor,
    async run(stop) {
      const loop = async () => {
        while (!stop.aborted) {
          const { answer, seconds } = await attempt(address, stop);
          outcomes.add(answer);
          if (!heldFor.has(answer)) heldFor.set(answer, new Latencies());
          heldFor.get(answer)!.add(seconds);
          // A refusal comes at once: wait a moment rather than spin.
          if (seconds < 1) await sleep(1000, undefined, { signal: stop }).catch(() => undefined);
        }
      };
      await Promise.all(Array.from({ length: connections }, loop));
    },
  };
}

export type AbuseMaterial = {
  /** A 10-traveler application for a slot with room for them, new people each time. */
  tenTravelers: () => string;
  webpBombs: Buffer[];
  pngBombs: Buffer[];
  /** As large as MAX_BODY_BYTES allows, for a slot that does not exist: read whole, held, then refused. */
  heavyBody: Body;
  /** The same kind, sealed (application/jose), and the size of its plaintext. */
  sealedHeavyBody: Body;
  sealedPlainBytes: number;
};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const average = (buffers: Buffer[]) => buffers.reduce((sum, b) => sum + b.length, 0) / buffers.length;

export function makeAbusers(target: Target, material: AbuseMaterial): Abuser[] {
  const tenPhotos = (bombs: Buffer[], type: string) => () =>
    multipart(material.tenTravelers(), Array.from({ length: 10 }, (_, i) => bombs[i % bombs.length]), [type]);
  // Declares a body as large as MAX_BODY_BYTES allows, sends its first 256 KB, and stops.
  const stallLarge = (address: string, stop: AbortSignal) => {
    const { body, contentType } = material.heavyBody;
    const head =
      `POST ${PATH} HTTP/1.1\r\nHost: puerta\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n` +
      `Idempotency-Key: ${key()}\r\nX-Forwarded-For: ${address}\r\n\r\n`;
    return rawAttempt(target, Buffer.concat([Buffer.from(head), body.subarray(0, 256 * 1024)]), stop);
  };
  // Slowloris: a header line every 2 s, never the blank line that ends them.
  const slowHeaders = (address: string, stop: AbortSignal) =>
    rawAttempt(target, Buffer.from(`POST ${PATH} HTTP/1.1\r\nHost: puerta\r\nX-Forwarded-For: ${address}\r\n`), stop, { text: "X-Still-Here: yes\r\n", everyMs: 2000 });
  const heavy = material.heavyBody.body.length;
  const sealed = material.sealedHeavyBody.body.length;
  return [
    poster("webp-bomb", `10 lossless WebPs of 2048² a request (${mb(average(material.webpBombs) * 10)} for 42 Mpx), real slots`, "10.66.0.1", 1, target, tenPhotos(material.webpBombs, "image/webp")),
    poster("png-bomb", `10 lossless PNGs of 2048² a request (${mb(average(material.pngBombs) * 10)} for 42 Mpx), real slots`, "10.66.0.2", 1, target, tenPhotos(material.pngBombs, "image/png")),
    poster("big-bodies", `8 at once: ${mb(heavy)} bodies (noise PNGs at the size cap), a slot that does not exist`, "10.66.0.3", 8, target, () => material.heavyBody),
    rawAbuser("stalled-uploads", `10 at once: declare ${mb(heavy)}, send 256 KB, stop`, "10.66.0.4", 10, stallLarge),
    rawAbuser("slow-headers", "20 at once: a header line every 2 s, never the end of them", "10.66.0.5", 20, slowHeaders),
    poster("sealed-bodies", `4 at once: ${mb(sealed)} sealed bodies (${mb(material.sealedPlainBytes)} opened), a slot that does not exist`, "10.66.0.6", 4, target, () => material.sealedHeavyBody),
  ];
}
