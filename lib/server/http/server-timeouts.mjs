// Plain JavaScript: server.mjs imports it before Next.js (and TypeScript) are in play.

/**
 * How long the server waits for a client, chosen for a phone on one bar of 2G/3G signal: about
 * 50 kbit/s up, a round trip of a second or more, and losses that TCP resends after 1, 2, 4, 8 s.
 * A wait longer than an honest phone needs is a socket, and often a share of the memory budget
 * (lib/server/http/memory-budget.ts), held for whoever stalls on purpose.
 */
export const TIMEOUTS = Object.freeze({
  // Headers are 1–2 KB, a third of a second at 50 kbit/s: 20 s leave room for four losses in a
  // row (1 + 2 + 4 + 8 s) and cut a client that sends its headers a byte at a time.
  headersMs: 20_000,
  // The whole request. The app gives up on a POST after 120 s (lib/scheduling/client/api-client.ts,
  // lib/offline/client/deliver.ts, answer included), so the server never cuts an upload the phone
  // still waits on; a family's 300 KB at 50 kbit/s takes 50 s of it. It bounds a client that
  // trickles a byte now and then, which the idle timeout below would not catch.
  requestMs: 130_000,
  // A body that sends nothing for 20 s has lost its link (as above, four losses in a row): its
  // socket is closed and its share of the memory budget comes back. The phone's outbox sends the
  // same application again later, under the same Idempotency-Key.
  bodyIdleMs: 20_000,
  // Between requests on one connection. Straight from phones, Node's 5 s: a new connection costs a
  // phone a round trip, thousands of idle ones cost the server a socket each. Behind a proxy the
  // connection is the proxy's and is reused for everyone: it must outlive the proxy's own idle
  // timeout (60 s on common load balancers and nginx), or the proxy may send a request on a
  // connection Node is closing, and answer it 502.
  keepAliveMs: 5_000,
  keepAliveBehindProxyMs: 65_000,
  // Node checks the headers and request timeouts on this interval; its default, 30 s, would let
  // each slow client live up to 30 s past them.
  checkIntervalMs: 1_000,
  // The most of a refused body the server still reads (and throws away) after answering, so the
  // client keeps its connection and reads the answer: a whole app booking, even sealed for ten
  // travelers. Node would read all of it: a client sending large bodies as fast as it can would
  // keep the server reading bytes it throws away, on the thread normal bookings wait for.
  drainBytes: 2 * 1024 * 1024,
  // How long a refused body is read in any case before the connection may be cut for being over
  // drainBytes. Cut at once, while the client still sends, the connection is reset, and a client
  // that had not yet read the answer loses it: a phone would show "no connection" instead of the
  // 413 or 503 in its language (the lingering close HTTP servers do for the same reason).
  lingerMs: 2_000,
});

/**
 * Options for `http.createServer`: headers, request and keep-alive timeouts (the body idle timeout
 * is `dropStalledBodies`). `behindProxy`: TRUST_PROXY_HOPS > 0.
 * @param {{ behindProxy?: boolean, timeouts?: typeof TIMEOUTS }} [options]
 */
export function serverOptions({ behindProxy = false, timeouts = TIMEOUTS } = {}) {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: behindProxy ? timeouts.keepAliveBehindProxyMs : timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  };
}

/**
 * Closes the connection of a request whose body stops arriving for `idleMs`: the reader in the
 * app then fails (lib/server/http/body.ts) and its budget comes back. Only while the body comes
 * in: once it has been read, a request may wait for its answer as long as it takes (a submission
 * waits its turn in a rush), and after the answer Node's keep-alive timeout takes over.
 *
 * A request answered before its body was read (refused: 503 when the memory budget is full, 413,
 * 429): Node reads the rest and throws it away, so the connection can carry the next request.
 * That stops once `lingerMs` has passed and more than `drainBytes` came (the connection is
 * closed: reading a 20 MB body costs the server what the refusal saved; the linger lets the client
 * read its answer first) and, as above, when the rest stops coming for `idleMs` (rather than the
 * keep-alive timeout, 65 s behind a proxy).
 * @param {import("node:http").Server} server
 * @param {{ idleMs?: number, drainBytes?: number, lingerMs?: number }} [limits]
 */
export function dropStalledBodies(server, { idleMs = TIMEOUTS.bodyIdleMs, drainBytes = TIMEOUTS.drainBytes, lingerMs = TIMEOUTS.lingerMs } = {}) {
  server.on("request", (request, response) => {
    if (!hasBody(request)) return;
    const socket = request.socket;
    // With no listener for the socket's 'timeout' (Node's server adds none, nor does Next.js),
    // Node destroys the socket when it fires.
    socket.setTimeout(idleMs);
    request.once("end", () => {
      // Answered already: Node has set the keep-alive timeout on the socket, which stays.
      if (!response.writableEnded) socket.setTimeout(0);
    });
    // Node's own 'finish' listener (added before this one) has just set the keep-alive timeout
    // and, if nothing read the body, started reading it to throw away.
    response.once("finish", () => {
      if (request.complete) return;
      // Watched as it comes: Node's parser drops what it throws away without a 'data' event, so
      // the socket's count is what tells.
      const readBefore = socket.bytesRead;
      const answeredAt = Date.now();
      const over = () => Date.now() - answeredAt >= lingerMs && socket.bytesRead - readBefore > drainBytes;
      const watch = setInterval(() => over() && socket.destroy(), 10).unref();
      socket.once("close", () => clearInterval(watch));
      socket.setTimeout(idleMs);
      request.once("end", () => {
        clearInterval(watch);
        socket.setTimeout(server.keepAliveTimeout);
      });
    });
  });
}

/** @param {import("node:http").IncomingMessage} request */
function hasBody(request) {
  return request.headers["transfer-encoding"] !== undefined || (request.headers["content-length"] ?? "0") !== "0";
}
