// Puerta's production server: Next.js behind a plain Node HTTP server, so the app knows each
// client's real address for rate limiting. Next.js alone keeps any X-Forwarded-For a client
// sends, which would let anyone pick their own rate-limit bucket.
import { createServer } from "node:http";
import v8 from "node:v8";
import next from "next";
import { resolveClientAddress } from "./lib/server/http/forwarded-for.mjs";

// The old generation may grow to 4× what survived the last full collection before the next one
// (V8's own ceiling, which it otherwise reaches only after seconds of heavy load). After a quiet
// spell V8 had sized the heap for the quiet, and the rush when slots opened met a full collection
// every 150 ms: the first 1.5 s ran at half speed and held the whole p99 tail. Costs memory: ~4×
// the live heap (~50 MB here) between collections. Read whenever V8 recomputes its limits.
v8.setFlagsFromString("--heap-growing-percent=300");

const CLIENT_ADDRESS_HEADER = "x-puerta-client-address";
// The one place outside lib/server/config/env.ts that reads the environment: this file runs before
// Next.js and TypeScript are loaded, so it cannot import env.ts. It applies the same bounds as
// env.ts does to PORT and TRUST_PROXY_HOPS, and stops with the same kind of message.
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
createServer((request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], hops);
  handle(request, response);
})
  .listen(port, () => console.log(`[puerta] listening on http://localhost:${port}`))
  .on("error", (error) => fail(`PORT ${port}: ${error.message}`));
