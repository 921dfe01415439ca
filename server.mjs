// Puerta's production server: Next.js behind a plain Node HTTP server, so the app knows each
// client's real address for rate limiting. Next.js alone keeps any X-Forwarded-For a client
// sends, which would let anyone pick their own rate-limit bucket.
import { createServer } from "node:http";
import v8 from "node:v8";
import next from "next";
import { resolveClientAddress } from "./lib/server/http/forwarded-for.mjs";
import { decodableTarget } from "./lib/server/http/decodable-target.mjs";
import { bookingsFirst, isBooking } from "./lib/server/http/bookings-first.mjs";
import { answerAtEdge, asksHeldAnswer } from "./lib/server/http/edge-answers.mjs";
import { dropStalledBodies, serverOptions } from "./lib/server/http/server-timeouts.mjs";

// The old generation may grow to 4× what survived the last full collection before the next one
// (V8's own ceiling, which it otherwise reaches only after seconds of heavy load). After a quiet
// spell V8 sizes the heap for the quiet, so the rush when slots open would start with a full
// collection after every few megabytes allocated, at the moment the server is busiest. Costs
// memory: up to 4× the live heap between collections. Read whenever V8 recomputes its limits.
// The measurements are in docs/performance.md ("V8's heap after a quiet spell").
v8.setFlagsFromString("--heap-growing-percent=300");

const CLIENT_ADDRESS_HEADER = "x-puerta-client-address";
// Reads PORT and TRUST_PROXY_HOPS itself: this file runs before Next.js and TypeScript are loaded,
// so it cannot import lib/server/config/env.ts, where the app's settings are read. It applies the
// same bounds as env.ts, and stops with the same kind of message. The other files that read the
// environment directly are Next.js's own entry points, loaded before the app: next.config.ts (the
// build folder) and instrumentation.ts (NEXT_RUNTIME); eslint.config.mjs lists the exemptions.
const port = Number(process.env.PORT ?? 3000);
const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail("PORT must be a whole number from 1 to 65535");
if (!Number.isInteger(hops) || hops < 0 || hops > 10) fail("TRUST_PROXY_HOPS must be a whole number from 0 to 10");

function fail(message) {
  console.error(`Puerta cannot start: invalid configuration\n  ${message}`);
  process.exit(1);
}

const app = next({ dev: false, hostname: "0.0.0.0", port });
const handle = app.getRequestHandler();
await app.prepare();
// While a booking is in flight, held answers go out a few per turn of the event loop, so the
// polling crowd cannot queue hundreds of answers in front of each step of a booking
// (bookings-first.mjs).
const line = bookingsFirst();
// Timeouts for phones on one bar of signal, and for clients that stall on purpose: the numbers
// and why are in server-timeouts.mjs.
const server = createServer(serverOptions({ behindProxy: hops > 0 }), (request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], hops);
  // A path Next.js could not decode would get its bare 500 (see decodable-target.mjs).
  request.url = decodableTarget(request.url ?? "/");
  if (isBooking(request)) line.booking(response);
  // An answer the app holds already (availability within its memo's second) goes out without
  // Next.js, whose own work per request would be most of what a memoized answer costs
  // (edge-answers.mjs).
  if (asksHeldAnswer(request)) {
    line.held(() => {
      // Gone while it waited: nobody to answer.
      if (response.destroyed) return;
      if (!answerAtEdge(request, response)) handle(request, response);
    });
    return;
  }
  handle(request, response);
})
  .listen(port, () => console.log(`[puerta] listening on http://localhost:${port}`))
  .on("error", (error) => fail(`PORT ${port}: ${error.message}`));
dropStalledBodies(server);

// Every response under way is known, so that those in flight when a shutdown begins are told to
// close their connection once answered (see shutDown).
const inFlight = new Set();
let stopping = false;
server.prependListener("request", (_request, response) => {
  inFlight.add(response);
  response.once("close", () => inFlight.delete(response));
  if (stopping) response.setHeader("connection", "close");
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    shutDown(signal).catch((error) => {
      console.error(`[puerta] shutdown failed: ${error?.name ?? typeof error}`);
      process.exit(1);
    });
  });
}

/**
 * SIGTERM (an orchestrator stopping or replacing this instance) or SIGINT (Ctrl-C): readiness
 * answers 503 at once, so a load balancer stops sending. Connections are still accepted until
 * none has come for QUIET_MS: those the kernel has already queued must not be reset (in a rush
 * the event loop may take a moment to accept them), and a balancer needs a moment to notice.
 * Then no new connection is accepted and idle keep-alive ones close; the requests in flight are
 * answered, each telling its client to close the connection; the app ends its background work
 * and closes the database (lib/lifecycle/server/shutdown.ts registers that part on globalThis:
 * this file cannot import TypeScript), and the process exits 0. Accepting and answering are
 * bounded together by SHUTDOWN_GRACE_MS, closing the database again: past either, the process
 * exits 1 and what is left is cut off as by a crash, which the database survives (an
 * acknowledged booking is committed). A second signal stops at once.
 */
async function shutDown(signal) {
  stopping = true;
  const lifecycle = globalThis.__puertaShutdown;
  lifecycle?.begin();
  for (const response of inFlight) if (!response.headersSent) response.setHeader("connection", "close");
  const graceMs = lifecycle?.graceMs ?? 10_000;
  const deadline = Date.now() + graceMs;
  console.log(`[puerta] ${signal}: not ready; answering what is in flight, then stopping`);
  await quiet(deadline);
  const drained = await within(deadline - Date.now(), new Promise((resolve) => server.close(() => resolve())));
  if (!drained) console.error(`[puerta] ${inFlight.size} requests still in flight after ${graceMs} ms: stopping anyway`);
  const closed = await within(graceMs, lifecycle ? lifecycle.finish() : Promise.resolve());
  if (!closed) console.error(`[puerta] the database did not close within ${graceMs} ms: stopping anyway`);
  process.exit(drained && closed ? 0 : 1);
}

/** How long no new connection must come before the server stops accepting them. */
const QUIET_MS = 1000;

/** Resolves once a QUIET_MS passed in which no connection arrived, or at `deadline`. */
function quiet(deadline) {
  return new Promise((resolve) => {
    let arrived = 0;
    const count = () => arrived++;
    server.on("connection", count);
    const wait = () => {
      const seen = arrived;
      const look = () => {
        if (arrived !== seen && Date.now() < deadline) return wait();
        server.off("connection", count);
        resolve();
      };
      // Looked at after the poll phase (setImmediate), where connections the kernel queued while
      // the event loop was busy are accepted, and counted.
      setTimeout(() => setImmediate(look), Math.max(0, Math.min(QUIET_MS, deadline - Date.now())));
    };
    wait();
  });
}

/** Whether `promise` fulfilled within `ms` milliseconds. */
function within(ms, promise) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = promise.then(
    () => true,
    // Only the error's kind: nothing a person sent may reach the log.
    (error) => (console.error(`[puerta] shutdown failed: ${error?.name ?? typeof error}`), false),
  );
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}
