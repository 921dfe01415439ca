import { createHash, type Hash } from "node:crypto";

const BLOCK = 64; // SHA-256's block size in bytes

/**
 * Entry ids for one day's draw: `keyedHash(pepper, "puerta-draw-entry:<appointment id>:<date>")`
 * (HMAC-SHA-256, base64url, first 22 characters), unlinkable across days without the pepper.
 * A busy day computes tens of thousands at freeze and again at the draw, so the HMAC's two keyed
 * blocks are hashed once (RFC 2104) and copied for each id: the same bytes as createHmac, about
 * three times faster (entry-ids.test.ts compares them).
 */
export function entryIds(pepper: Buffer, date: string): (appointmentId: string) => string {
  const key = Buffer.alloc(BLOCK);
  (pepper.length > BLOCK ? createHash("sha256").update(pepper).digest() : pepper).copy(key);
  const padded = (pad: number) => createHash("sha256").update(key.map((byte) => byte ^ pad));
  const inner: Hash = padded(0x36);
  const outer: Hash = padded(0x5c);
  return (appointmentId) => {
    const innerDigest = inner.copy().update(`puerta-draw-entry:${appointmentId}:${date}`, "utf8").digest();
    return outer.copy().update(innerDigest).digest("base64url").slice(0, 22);
  };
}
