import "server-only";
import { createHash } from "node:crypto";

const known = new WeakMap<Uint8Array, string>();

/**
 * A strong ETag for exactly these bytes: the first 132 bits of their SHA-256, base64url. Derived
 * from the bytes alone, never from a counter or a time, so every instance serving the same content
 * names it the same: a phone that revalidates against another instance behind the balancer still
 * gets its 304. Remembered per body object, so a body shared by many responses (a memoized
 * answer) is hashed once, not once per request.
 */
export function strongEtag(body: Uint8Array): string {
  let etag = known.get(body);
  if (etag === undefined) {
    etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    known.set(body, etag);
  }
  return etag;
}

// One member of If-None-Match's list: `*`, or an entity-tag (an optional W/ and a quoted opaque
// tag). Leading whitespace and empty list members (", ,") are skipped, as RFC 9110 §5.6.1 asks.
const MEMBER = /[\s,]*(\*|(?:W\/)?"[^"]*")/y;

/**
 * Whether a request's If-None-Match names the current representation (then a GET is answered
 * 304): `*`, or any tag of its list under the weak comparison RFC 9110 §13.1.2 prescribes for
 * this header (`W/"x"` matches `"x"`: a proxy that compresses may have weakened our tag). A
 * malformed header names nothing, and the full answer is sent: never a wrong 304.
 */
export function namesCurrent(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const current = opaqueTag(etag);
  MEMBER.lastIndex = 0;
  for (let match = MEMBER.exec(ifNoneMatch); match; match = MEMBER.exec(ifNoneMatch)) {
    if (match[1] === "*" || opaqueTag(match[1]) === current) return true;
  }
  return false;
}

const opaqueTag = (tag: string) => (tag.startsWith("W/") ? tag.slice(2) : tag);
