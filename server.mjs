// Puerta's production server: Next.js behind a plain Node HTTP server, so the app knows each
// client's real address for rate limiting. Next.js alone keeps any X-Forwarded-For a client
// sends, which would let anyone pick their own rate-limit bucket.
import { createServer } from "node:http";
import next from "next";
import { resolveClientAddress } from "./lib/http/forwarded-for.mjs";

const CLIENT_ADDRESS_HEADER = "x-puerta-client-address";
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
