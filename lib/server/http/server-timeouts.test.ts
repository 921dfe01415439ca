import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/shared/errors/app-error";
import { readBoundedBody } from "./body";
import { bodyBytesHeld, withBodyBudget } from "./memory-budget";
import { dropStalledBodies, serverOptions, TIMEOUTS } from "./server-timeouts.mjs";

// The production numbers, scaled down so the test runs in seconds; the mechanism is the same.
const FAST = { ...TIMEOUTS, headersMs: 300, requestMs: 1500, bodyIdleMs: 400, keepAliveMs: 500, checkIntervalMs: 50, drainBytes: 256 * 1024, lingerMs: 20 };
// Timers fire late on a busy machine (tests run in parallel): what "within the bound" allows.
const SLACK_MS = 400;

describe("the production timeouts", () => {
  it("let a phone on one bar of signal send a family's application, and never cut one the app still waits for", () => {
    const seconds = (bytes: number, bitsPerSecond: number) => (bytes * 8) / bitsPerSecond;
    expect(seconds(300_000, 50_000) * 1000).toBeLessThan(TIMEOUTS.requestMs / 2);
    // lib/scheduling/client/api-client.ts and lib/offline/client/deliver.ts give up after 120 s.
    expect(TIMEOUTS.requestMs).toBeGreaterThan(120_000);
    expect(TIMEOUTS.headersMs).toBeLessThan(TIMEOUTS.requestMs);
    // TCP resends a lost segment after 1, 2, 4, 8 s: four losses in a row are not a stall.
    expect(TIMEOUTS.bodyIdleMs).toBeGreaterThan(15_000);
    expect(TIMEOUTS.headersMs).toBeGreaterThan(15_000);
    // Behind a proxy, outlive its own idle timeout (60 s on common load balancers).
    expect(serverOptions({ behindProxy: true }).keepAliveTimeout).toBeGreaterThan(60_000);
    expect(serverOptions().keepAliveTimeout).toBe(TIMEOUTS.keepAliveMs);
  });
});

type Outcome = { status?: number; code?: string };

/** A server as server.mjs makes it, whose handler reads the body as the booking route does. */
async function startServer(
  answerAfterMs = 0,
  options: { behindProxy?: boolean; refuse?: boolean } = {},
): Promise<{ server: Server; port: number; outcomes: Outcome[]; bytesRead: number[] }> {
  const outcomes: Outcome[] = [];
  const bytesRead: number[] = [];
  const server = createServer(serverOptions({ timeouts: FAST, behindProxy: options.behindProxy }), (incoming: IncomingMessage, response: ServerResponse) => {
    if (options.refuse) {
      // As the route does when the budget is full: the body is not read, the answer goes at once.
      asWebRequest(incoming, response);
      incoming.socket.once("close", () => bytesRead.push(incoming.socket.bytesRead));
      response.writeHead(503, { "retry-after": "5", "content-length": "0" }).end();
      return;
    }
    void handle(incoming, response, answerAfterMs).then((outcome) => outcomes.push(outcome));
  });
  dropStalledBodies(server, { idleMs: FAST.bodyIdleMs, drainBytes: FAST.drainBytes, lingerMs: FAST.lingerMs });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { server, port: (server.address() as net.AddressInfo).port, outcomes, bytesRead };
}

/** The web Request Next.js makes of a Node request: the body streamed, the signal aborted when the client goes. */
function asWebRequest(incoming: IncomingMessage, response: ServerResponse): Request {
  const client = new AbortController();
  response.once("close", () => response.writableFinished || client.abort());
  const headers = new Headers(Object.entries(incoming.headers).map(([name, value]): [string, string] => [name, String(value)]));
  const init = { method: incoming.method, headers, body: incoming, duplex: "half", signal: client.signal };
  return new Request(`http://localhost${incoming.url}`, init as unknown as RequestInit);
}

async function handle(incoming: IncomingMessage, response: ServerResponse, answerAfterMs: number): Promise<Outcome> {
  const request = asWebRequest(incoming, response);
  try {
    const body = await withBodyBudget((hold) => readBoundedBody(request, 10 * 1024 * 1024, hold));
    await new Promise((resolve) => setTimeout(resolve, answerAfterMs));
    response.end(`read ${body.byteLength}`);
    return { status: 200 };
  } catch (error) {
    if (!response.destroyed) response.writeHead(400).end();
    return { code: error instanceof AppError ? error.code : String(error) };
  }
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Opens a raw connection, runs `send` on it, and reports what came back and when the server closed it. */
function connection(port: number, send: (socket: net.Socket) => void): Promise<{ ms: number; received: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (data) => (received += data.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve({ ms: performance.now() - started, received }));
    send(socket);
  });
}

/** Writes `text` every `everyMs` while the socket is open. */
function trickle(socket: net.Socket, text: string, everyMs: number) {
  const timer = setInterval(() => socket.writable && socket.write(text), everyMs);
  socket.on("close", () => clearInterval(timer));
}

async function until(condition: () => boolean, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
}

describe("a real node:http server with the timeouts of server.mjs", () => {
  it("closes a client that sends its headers slowly, with 408, within the headers timeout", async () => {
    const { port, outcomes } = await startServer();
    const closed = await connection(port, (socket) => {
      socket.write("POST /api/v1/appointments HTTP/1.1\r\nHost: puerta\r\n");
      trickle(socket, "X-Slow: a\r\n", 100);
    });
    expect(closed.received).toMatch(/^HTTP\/1\.1 408/);
    expect(closed.ms).toBeGreaterThanOrEqual(FAST.headersMs - 50);
    expect(closed.ms).toBeLessThan(FAST.headersMs + FAST.checkIntervalMs + SLACK_MS);
    expect(outcomes).toEqual([]);
  });

  it("drops an upload that stops midway within the idle timeout, and its budget comes back", async () => {
    const { port, outcomes } = await startServer();
    const before = bodyBytesHeld().held;
    const declared = 200_000;
    const closing = connection(port, (socket) => {
      socket.write(`POST /api/v1/appointments HTTP/1.1\r\nHost: puerta\r\nContent-Length: ${declared}\r\n\r\n`);
      socket.write(Buffer.alloc(10_000));
    });
    expect(await until(() => bodyBytesHeld().held === before + declared)).toBe(true);
    const closed = await closing;
    expect(closed.received).toBe("");
    expect(closed.ms).toBeGreaterThanOrEqual(FAST.bodyIdleMs - 50);
    expect(closed.ms).toBeLessThan(FAST.bodyIdleMs + SLACK_MS);
    expect(await until(() => outcomes.length === 1)).toBe(true);
    expect(outcomes[0].code).toBe("malformed_request");
    expect(bodyBytesHeld().held).toBe(before);
  });

  it("closes a body that trickles in byte by byte, with 408, at the request timeout, and its budget comes back", async () => {
    const { port, outcomes } = await startServer();
    const before = bodyBytesHeld().held;
    const closed = await connection(port, (socket) => {
      socket.write("POST /api/v1/appointments HTTP/1.1\r\nHost: puerta\r\nContent-Length: 100000\r\n\r\n");
      trickle(socket, "x", FAST.bodyIdleMs / 4);
    });
    expect(closed.received).toMatch(/^HTTP\/1\.1 408/);
    expect(closed.ms).toBeGreaterThanOrEqual(FAST.requestMs - 50);
    expect(closed.ms).toBeLessThan(FAST.requestMs + FAST.checkIntervalMs + SLACK_MS);
    expect(await until(() => outcomes.length === 1)).toBe(true);
    expect(outcomes[0].code).toBe("malformed_request");
    expect(bodyBytesHeld().held).toBe(before);
  });

  it("lets a request whose body has arrived wait longer than the idle timeout for its answer", async () => {
    const { port } = await startServer(FAST.bodyIdleMs * 2);
    const closed = await connection(port, (socket) => {
      socket.write("POST /api/v1/appointments HTTP/1.1\r\nHost: puerta\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello");
    });
    expect(closed.received).toMatch(/^HTTP\/1\.1 200[\s\S]*read 5$/);
  });

  it("keeps an idle connection between requests for the keep-alive timeout, not the headers timeout", async () => {
    const { port, outcomes } = await startServer();
    const closed = await connection(port, (socket) => {
      socket.write("POST /one HTTP/1.1\r\nHost: puerta\r\nContent-Length: 2\r\n\r\nhi");
      // Idle longer than the headers timeout, then a second request on the same connection.
      setTimeout(() => socket.write("POST /two HTTP/1.1\r\nHost: puerta\r\nContent-Length: 2\r\n\r\nho"), FAST.headersMs + 100);
    });
    expect(closed.received.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(outcomes).toEqual([{ status: 200 }, { status: 200 }]);
    // Then closed by the keep-alive timeout (Node adds up to a second of its own).
    expect(closed.ms).toBeGreaterThan(FAST.headersMs + 100 + FAST.keepAliveMs - 50);
    expect(closed.ms).toBeLessThan(FAST.headersMs + 100 + FAST.keepAliveMs + 1000 + SLACK_MS);
  });

  it("closes the connection of an upload answered before its body was read once the rest stops coming, not at keep-alive", async () => {
    // Behind a proxy the keep-alive timeout is 65 s.
    const { port } = await startServer(0, { behindProxy: true, refuse: true });
    const closed = await connection(port, (socket) => {
      socket.write("POST /api/v1/appointments HTTP/1.1\r\nHost: puerta\r\nContent-Length: 5000000\r\n\r\n");
      socket.write(Buffer.alloc(64 * 1024));
    });
    expect(closed.received).toMatch(/^HTTP\/1\.1 503/);
    expect(closed.ms).toBeLessThan(FAST.bodyIdleMs + SLACK_MS);
  });

  it("reads a refused body of a booking's size to keep the connection, and closes one that is larger", async () => {
    const { port, bytesRead } = await startServer(0, { refuse: true });
    // A booking refused: the rest is read and thrown away, the next request comes on the same connection.
    const small = await connection(port, (socket) => {
      socket.write(`POST /one HTTP/1.1\r\nHost: puerta\r\nContent-Length: ${FAST.drainBytes / 2}\r\n\r\n`);
      socket.write(Buffer.alloc(FAST.drainBytes / 2));
      setTimeout(() => socket.write("POST /two HTTP/1.1\r\nHost: puerta\r\nContent-Length: 2\r\n\r\nhi"), 100);
    });
    expect(small.received.match(/HTTP\/1\.1 503/g)).toHaveLength(2);
    // 64 MB declared and sent as fast as the link goes: the server stops reading once it lingered.
    const large = await connection(port, (socket) => {
      socket.write("POST /three HTTP/1.1\r\nHost: puerta\r\nContent-Length: 67108864\r\n\r\n");
      socket.write(Buffer.alloc(64 * 1024 * 1024));
    });
    expect(large.received).toMatch(/^HTTP\/1\.1 503/);
    expect(large.ms).toBeLessThan(FAST.bodyIdleMs);
    expect(bytesRead.at(-1)).toBeLessThan(64 * 1024 * 1024);
    // The same without a length (chunked): it stops soon after what it drains.
    const chunk = Buffer.alloc(1024 * 1024);
    const chunked = await connection(port, (socket) => {
      socket.write("POST /four HTTP/1.1\r\nHost: puerta\r\nTransfer-Encoding: chunked\r\n\r\n");
      const more = (n: number) => {
        if (n === 0 || socket.destroyed) return;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        if (socket.write(Buffer.concat([chunk, Buffer.from("\r\n")]))) setImmediate(more, n - 1);
        else socket.once("drain", () => more(n - 1));
      };
      more(256);
    });
    expect(chunked.received).toMatch(/^HTTP\/1\.1 503/);
    expect(bytesRead.at(-1)).toBeLessThan(64 * 1024 * 1024);
  });
});
