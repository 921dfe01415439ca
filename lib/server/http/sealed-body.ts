import "server-only";
import { decodeProtectedHeader, type CompactJWEHeaderParameters } from "jose";
import { AppError } from "@/lib/shared/errors/app-error";
import { sealingKeyFor } from "@/lib/server/crypto/keys";
import type { BodyHold } from "./memory-budget";
import { decryptEcdhEsA256Gcm, type CompactSegments } from "./sealed-decrypt";

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

// The sealed size limit is shared with the config's check of the memory budget.
export { sealedBodyLimit } from "./body-sizes";

export type UnsealedBody = { body: Uint8Array; contentType: string };

/**
 * Opens `sealed`. The plaintext is counted in `hold` (the request's share of the memory budget,
 * which already holds the sealed bytes) before it is made: its size is the ciphertext's, known from
 * the text, so a plaintext that does not fit is refused before any decryption.
 */
export async function unsealBody(sealed: Uint8Array, maxPlainBytes: number, hold?: BodyHold): Promise<UnsealedBody> {
  const segments = compactSegments(sealed);
  const header = readHeader(segments);
  // The kid says which key the phone sealed to: the current one, or one retired by a rotation
  // since the phone fetched it (it may have held it for days), which still opens what was sealed
  // to it. A kid the deployment never had is refused before any work.
  const key = await sealingKeyFor(header.kid);
  if (!key) throw unreadable();
  // A-GCM's plaintext is exactly as long as its ciphertext: the fourth segment, base64url.
  const plainBytes = Math.floor((segments.ciphertext.length * 3) / 4);
  if (plainBytes > maxPlainBytes) throw new AppError("payload_too_large");
  hold?.take(plainBytes);
  // Tampered, truncated, or sealed to another key: the GCM tag does not match.
  const plaintext = await decryptEcdhEsA256Gcm(segments, header, key);
  if (plaintext === null) throw unreadable();
  return { body: plaintext, contentType: header.cty };
}

/**
 * Five base64url segments joined by dots, nothing else (no JSON serialization, no whitespace). The
 * ciphertext, nearly all of it, stays bytes: it is checked and decoded a slice at a time
 * (sealed-decrypt.ts), so a 20 MB body never becomes a 20 MB string in one go.
 */
function compactSegments(sealed: Uint8Array): CompactSegments {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const dots: number[] = [];
  for (let at = bytes.indexOf(0x2e); at !== -1 && dots.length < 5; at = bytes.indexOf(0x2e, at + 1)) dots.push(at);
  if (dots.length !== 4) throw unreadable();
  const [afterHeader, afterKey, afterIv, afterCiphertext] = dots;
  const text = (from: number, to: number) => bytes.toString("latin1", from, to);
  const segments = {
    protectedHeader: text(0, afterHeader),
    encryptedKey: text(afterHeader + 1, afterKey),
    iv: text(afterKey + 1, afterIv),
    ciphertext: bytes.subarray(afterIv + 1, afterCiphertext),
    tag: text(afterCiphertext + 1, bytes.length),
  };
  const base64url = (segment: string, mayBeEmpty = false) => (mayBeEmpty ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9_-]+$/).test(segment);
  const shortOnes = base64url(segments.protectedHeader) && base64url(segments.encryptedKey, true) && base64url(segments.iv) && base64url(segments.tag);
  if (!shortOnes || segments.ciphertext.length === 0) throw unreadable();
  return segments;
}

/**
 * The protected header, checked before any key agreement: a refused algorithm costs no work (PBES2
 * with a huge iteration count would, for one), and what is refused does not depend on the key.
 */
function readHeader(segments: CompactSegments): CompactJWEHeaderParameters & { kid: string; cty: string } {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader({ protected: segments.protectedHeader });
  } catch {
    throw unreadable();
  }
  const { alg, enc, kid, cty, zip, crit } = header as Record<string, unknown>;
  // No `dir` or key-wrapping (a key the sender picks), no RSA, no PBES2, no `none`. No `zip`:
  // photos do not compress, and inflating would let a small body grow past the size limit. No
  // `crit`: this reader understands no extension, so must refuse any that is critical.
  if (alg !== KEY_MANAGEMENT || enc !== CONTENT_ENCRYPTION || zip !== undefined || crit !== undefined) throw unreadable();
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
