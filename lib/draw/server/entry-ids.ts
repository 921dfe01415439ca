import "server-only";
import { createHash, hash } from "node:crypto";

const BLOCK = 64; // SHA-256's block size in bytes

/**
 * Entry ids for one day's draw: `keyedHash(pepper, "puerta-draw-entry:<appointment id>:<date>")`
 * (HMAC-SHA-256, base64url, first 22 characters), unlinkable across days without the pepper.
 * A busy day computes tens of thousands at freeze and again at the draw, so the HMAC (RFC 2104:
 * H(K ⊕ opad ‖ H(K ⊕ ipad ‖ m))) is written out with the padded keys made once and node's one-shot
 * hash, several times faster than createHmac per id; entry-ids.test.ts compares the two.
 */
export function entryIds(pepper: Buffer, date: string): (appointmentId: string) => string {
  const key = Buffer.alloc(BLOCK);
  (pepper.length > BLOCK ? createHash("sha256").update(pepper).digest() : pepper).copy(key);
  const ipad = key.map((byte) => byte ^ 0x36);
  const opad = key.map((byte) => byte ^ 0x5c);
  const suffix = `:${date}`;
  return (appointmentId) => {
    const message = Buffer.from(`puerta-draw-entry:${appointmentId}${suffix}`, "utf8");
    const inner = hash("sha256", Buffer.concat([ipad, message]), "buffer");
    return hash("sha256", Buffer.concat([opad, inner]), "base64url").slice(0, 22);
  };
}
