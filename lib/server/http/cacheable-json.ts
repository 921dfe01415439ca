import "server-only";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { namesCurrent, strongEtag } from "./etag";

const gzipBytes = promisify(gzip);

// Smaller bodies are sent as they are: compressing them saves less than it costs (Next.js's own
// compression draws the line at the same size).
const COMPRESS_FROM_BYTES = 1024;

type Representation = { body: Uint8Array<ArrayBuffer>; etag: string; coding: "gzip" | null };

const compressed = new WeakMap<Uint8Array, Promise<Representation | null>>();
// The same, once made: what an answer that cannot wait (cacheableJsonNow) reads.
const compressedNow = new WeakMap<Uint8Array, Representation | null>();

/**
 * A JSON body (already serialized) that caches may keep as `cacheControl` says, with its strong
 * ETag; when the request's If-None-Match already names it, 304 without a body. The 304 carries
 * the ETag, Cache-Control and Vary the 200 would have (RFC 9110 §15.4.5), so a cache that
 * revalidated keeps its copy for another period.
 *
 * Through Next.js the answer is the plain bytes, compressed by Next.js per request. Sent by
 * server.mjs (cacheableJsonNow), a client that accepts gzip gets it compressed once per body
 * object: when a crowd polls one memoized answer, compressing it for each would be most of a
 * request's cost. Those compressed bytes are another representation with an ETag of their own, hence
 * `Vary: Accept-Encoding`, the one request header the answer depends on.
 */
export function cacheableJson(request: Request, body: Uint8Array<ArrayBuffer>, cacheControl: string): Response {
  // Always the plain bytes: Next.js drops a route's Content-Encoding (its send-response.js forbids
  // the header, as a fetched body may have been decoded already) and compresses the answer itself.
  // The copy compressed once is sent by server.mjs (cacheableJsonNow).
  const answer = answerWith(identity(body), request.headers.get("if-none-match"), cacheControl);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** An answer as plain parts, for server.mjs to write without Next.js (edge-answers.mjs). */
export type PlainAnswer = { status: 200 | 304; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> | null };

/**
 * What `cacheableJson` would answer, if that needs no waiting: undefined while the gzip copy the
 * client would get is still being made (that request takes the full path, and starts it).
 */
export function cacheableJsonNow(request: { acceptEncoding?: string; ifNoneMatch?: string }, body: Uint8Array<ArrayBuffer>, cacheControl: string): PlainAnswer | undefined {
  let chosen = identity(body);
  if (acceptsGzip(request.acceptEncoding ?? null) && body.byteLength >= COMPRESS_FROM_BYTES) {
    const made = compressedNow.get(body);
    if (made === undefined) {
      void gzipped(body);
      return undefined;
    }
    chosen = made ?? chosen;
  }
  return answerWith(chosen, request.ifNoneMatch ?? null, cacheControl);
}

const identity = (body: Uint8Array<ArrayBuffer>): Representation => ({ body, etag: strongEtag(body), coding: null });

function answerWith(chosen: Representation, ifNoneMatch: string | null, cacheControl: string): PlainAnswer {
  const headers: Record<string, string> = { etag: chosen.etag, "cache-control": cacheControl, vary: "accept-encoding" };
  if (namesCurrent(ifNoneMatch, chosen.etag)) return { status: 304, headers, body: null };
  headers["content-type"] = "application/json; charset=utf-8";
  if (chosen.coding) headers["content-encoding"] = chosen.coding;
  return { status: 200, headers, body: chosen.body };
}

/** `body` gzipped, once per body object (every request for it awaits the same work); null when not worth it or failed. */
function gzipped(body: Uint8Array<ArrayBuffer>): Promise<Representation | null> {
  if (body.byteLength < COMPRESS_FROM_BYTES) return Promise.resolve(null);
  let representation = compressed.get(body);
  if (!representation) {
    representation = gzipBytes(body).then(
      (bytes): Representation => {
        const copy = new Uint8Array(bytes);
        const made: Representation = { body: copy, etag: strongEtag(copy), coding: "gzip" };
        compressedNow.set(body, made);
        return made;
      },
      () => (compressedNow.set(body, null), null),
    );
    compressed.set(body, representation);
  }
  return representation;
}

/** Whether Accept-Encoding admits gzip (RFC 9110 §12.5.3): named (or `*`) with a weight above 0. */
function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let any = false;
  for (const member of header.toLowerCase().split(",")) {
    const [coding, ...params] = member.split(";").map((part) => part.trim());
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (coding === "gzip" || coding === "x-gzip") return weight > 0;
    if (coding === "*") any = weight > 0;
  }
  return any;
}
