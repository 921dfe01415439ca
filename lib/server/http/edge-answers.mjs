// Plain JavaScript: server.mjs runs it before Next.js (and TypeScript) are in play.
import { randomUUID } from "node:crypto";
import { API_CSP, COMMON_HEADERS } from "./security-headers.mjs";

// The availability URL exactly as the app asks it (lib/scheduling/client/api-client.ts). Anything
// else, another parameter order included, takes the full path: correct, only not this shortcut.
const AVAILABILITY = /^\/api\/v1\/ports\/([a-z0-9-]{1,64})\/availability\?from=(\d{4}-\d{2}-\d{2})&to=(\d{4}-\d{2}-\d{2})$/;

/**
 * Answers, without Next.js, a request the app has already answered within the last second and
 * holds the answer to (edge-offers.ts): today the availability crowd at the minute slots open.
 * Next.js spends milliseconds of CPU on any request before a route runs (its routing, headers,
 * the response's plumbing); when a thousand phones ask the same memoized range, that is nearly
 * all the answer costs, taken from the bookings on the same cores. The app decides what is
 * held and what it says (status, ETag, Cache-Control, body); this adds what Next.js would: the
 * security headers of every API answer (security-headers.mjs, shared with next.config.ts) and a
 * request id. Returns whether it answered; false leaves the request to Next.js.
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 * @returns {boolean}
 */
export function answerAtEdge(request, response) {
  const held = heldAnswer(request);
  if (!held) return false;
  const { offer, match } = held;
  const answer = offer(match[1], match[2], match[3], {
    acceptEncoding: request.headers["accept-encoding"],
    ifNoneMatch: request.headers["if-none-match"],
  });
  if (!answer) return false;
  for (const { key, value } of COMMON_HEADERS) response.setHeader(key, value);
  response.setHeader("content-security-policy", API_CSP);
  for (const [key, value] of Object.entries(answer.headers)) response.setHeader(key, value);
  response.setHeader("x-request-id", randomUUID());
  response.writeHead(answer.status);
  response.end(answer.body ?? undefined);
  return true;
}

/**
 * Whether the request asks what the app may hold an answer to (server.mjs then lets bookings go
 * first, bookings-first.mjs): answerAtEdge may still leave it to Next.js.
 * @param {import("node:http").IncomingMessage} request
 * @returns {boolean}
 */
export function asksHeldAnswer(request) {
  return heldAnswer(request) !== null;
}

/** @param {import("node:http").IncomingMessage} request */
function heldAnswer(request) {
  if (request.method !== "GET") return null;
  const match = AVAILABILITY.exec(request.url ?? "");
  const offer = match && globalThis.__puertaEdgeOffers?.availability;
  return offer ? { offer, match } : null;
}
