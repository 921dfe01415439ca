import "server-only";
/**
 * How much memory one booking body may take, from the size limits alone. No imports: the config
 * check (lib/server/config/env.ts) uses it as well as the body readers.
 */

/**
 * Room for the compact JWE's protected header (with the ephemeral public key and the `cty`), IV and
 * tag: a few hundred bytes in practice, bounded so the sealed limit stays tight.
 */
const ENVELOPE_BYTES = 8 * 1024;

/**
 * The most a sealed body may weigh for a plaintext of `maxPlainBytes`: base64url makes the
 * ciphertext 4/3 as long, so any application that fits the plain limit also fits sealed.
 */
export function sealedBodyLimit(maxPlainBytes: number): number {
  return Math.ceil((maxPlainBytes * 4) / 3) + ENVELOPE_BYTES;
}

/**
 * The bytes the largest application the limits allow holds at once: sealed, its sealed text and
 * the plaintext opened from it, both kept until the submission is decided.
 */
export function heaviestBody(maxPlainBytes: number): number {
  return sealedBodyLimit(maxPlainBytes) + maxPlainBytes;
}
