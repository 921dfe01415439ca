import "server-only";
import { compactDecrypt, decodeProtectedHeader, type CompactJWEHeaderParameters } from "jose";
import { AppError } from "@/lib/shared/errors/app-error";
import { sealingKeyFor } from "@/lib/server/crypto/keys";

/**
 * Opens an application sealed on the phone (`Content-Type: application/jose`): a compact JWE to
 * the sealing key of GET /api/v1/keys whose plaintext is the multipart body a plain send would
 * carry, and whose `cty` is that body's Content-Type. Whatever cannot be opened answers
 * `sealed_body_unreadable`: sending the same sealed text again can never succeed, so the client
 * must not retry it; and the answer never says which check failed, so probing teaches nothing.
 */

/** The only algorithms accepted, those the booking app seals with (lib/offline/client/seal.ts). */
const KEY_MANAGEMENT = "ECDH-ES";
const CONTENT_ENCRYPTION = "A256GCM";

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

export type UnsealedBody = { body: Uint8Array; contentType: string };

export async function unsealBody(sealed: Uint8Array, maxPlainBytes: number): Promise<UnsealedBody> {
  const jwe = compactText(sealed);
  const header = readHeader(jwe);
  // The kid says which key the phone sealed to: the current one, or one retired by a rotation
  // since the phone fetched it (it may have held it for days), which still opens what was sealed
  // to it. A kid the deployment never had is refused before any work.
  const key = await sealingKeyFor(header.kid);
  if (!key) throw unreadable();
  let plaintext: Uint8Array;
  try {
    // The allow-lists repeat the header checks inside jose itself, on the authenticated header:
    // no `dir` or key-wrapping (a key the sender picks), no RSA, no PBES2, no `none`. A zero
    // decompression limit refuses `zip`: photos do not compress, and inflating would let a small
    // body grow past the size limit.
    ({ plaintext } = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: [KEY_MANAGEMENT],
      contentEncryptionAlgorithms: [CONTENT_ENCRYPTION],
      maxDecompressedLength: 0,
    }));
  } catch {
    // Tampered, truncated, or sealed to another key: the GCM tag does not match.
    throw unreadable();
  }
  // The plaintext is what a plain send would have carried, so it obeys the same limit.
  if (plaintext.byteLength > maxPlainBytes) throw new AppError("payload_too_large");
  return { body: plaintext, contentType: header.cty };
}

/** Five base64url segments joined by dots, nothing else (no JSON serialization, no whitespace). */
function compactText(sealed: Uint8Array): string {
  const text = new TextDecoder().decode(sealed);
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) throw unreadable();
  return text;
}

/**
 * The protected header, checked before any key agreement: a refused algorithm costs no work (PBES2
 * with a huge iteration count would, for one), and what is refused does not depend on the key.
 */
function readHeader(jwe: string): CompactJWEHeaderParameters & { kid: string; cty: string } {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwe);
  } catch {
    throw unreadable();
  }
  const { alg, enc, kid, cty, zip } = header as Record<string, unknown>;
  if (alg !== KEY_MANAGEMENT || enc !== CONTENT_ENCRYPTION || zip !== undefined) throw unreadable();
  if (typeof kid !== "string") throw unreadable();
  // The plaintext is handed to the multipart parser under this type, so it must be one: anything
  // else (JSON, text, a missing cty) would reach the parser as a body it was never meant to read.
  if (typeof cty !== "string" || !isMultipartWithBoundary(cty)) throw unreadable();
  return header as CompactJWEHeaderParameters & { kid: string; cty: string };
}

function isMultipartWithBoundary(contentType: string): boolean {
  const [type, ...parameters] = contentType.split(";");
  if (type.trim().toLowerCase() !== "multipart/form-data") return false;
  return parameters.some((parameter) => /^\s*boundary\s*=\s*\S/i.test(parameter));
}

function unreadable(): AppError {
  return new AppError("sealed_body_unreadable");
}
