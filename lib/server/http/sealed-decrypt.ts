import "server-only";
import { createHash, webcrypto } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { decryptA256GcmSlices } from "./sealed-slices.mjs";
import { decryptInWorker } from "./sealed-worker";

/**
 * Decrypts a compact JWE sealed with ECDH-ES (direct key agreement on P-256) and A256GCM, the one
 * kind the booking app seals (lib/offline/client/seal.ts), by RFC 7518 §4.6 and RFC 7516 §5.2,
 * with Node's own crypto. jose's compactDecrypt does the same, but on Node 20 it decodes base64url
 * in JavaScript (atob and a loop), on the one thread every request shares, in one piece: a large
 * body would hold every other booking for all of it. Here the ciphertext is decoded and decrypted a
 * slice at a time (sealed-slices.mjs): a body of the app's size on the main thread, with other
 * requests' turns between slices, never more than a few milliseconds at once; a body far larger
 * than the app's in a worker thread of low priority (sealed-worker.ts), so that it costs the
 * bookings neither turns nor, on a busy machine, much CPU. jose still reads the header
 * (lib/server/http/sealed-body.ts checks it before any of this).
 *
 * `segments` are the five segments of the compact form: the short ones as text, the ciphertext as
 * the bytes of its text. Returns the plaintext, or null when anything does not open: a wrong key,
 * a point off the curve, a tampered header, IV, ciphertext or tag, a character that is not base64url.
 */
export type CompactSegments = { protectedHeader: string; encryptedKey: string; iv: string; ciphertext: Uint8Array; tag: string };

const ENC = "A256GCM";
const KEY_BITS = 256;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * Ciphertexts longer than this (3 MiB of plaintext) are opened in the worker: the app's largest
 * application, ten travelers, is ~2 MB sealed, and its bookings should not wait on a thread that
 * yields to everything; only abuse-sized bodies (up to MAX_BODY_BYTES, 6 MiB) go there.
 */
const WORKER_OVER_CHARS = 4 * 1024 * 1024;

/** `header`: the protected header, whose `epk` (the sender's ephemeral public key), `apu` and `apv` key agreement uses. */
export async function decryptEcdhEsA256Gcm(segments: CompactSegments, header: Readonly<Record<string, unknown>>, privateKey: CryptoKey): Promise<Uint8Array | null> {
  // Direct key agreement: the agreed key is the content key, so there is no encrypted key.
  if (segments.encryptedKey !== "") return null;
  const iv = base64url(segments.iv);
  const tag = base64url(segments.tag);
  const apu = optionalBase64url(header.apu);
  const apv = optionalBase64url(header.apv);
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || apu === null || apv === null) return null;
  const shared = await agree(header.epk, privateKey);
  if (shared === null) return null;
  const key = concatKdf(shared, apu, apv);
  if (segments.ciphertext.length % 4 === 1) return null;
  // The additional data is the protected header exactly as sent, so the header is authenticated too.
  const parameters = { key, iv, tag, aad: segments.protectedHeader };
  if (segments.ciphertext.length > WORKER_OVER_CHARS) {
    const opened = await decryptInWorker(segments.ciphertext, parameters);
    // undefined: no worker now; opened here instead.
    if (opened !== undefined) return opened;
  }
  const slices = decryptA256GcmSlices(segments.ciphertext, parameters);
  for (let step = slices.next(); ; step = slices.next()) {
    if (step.done) return step.value;
    await nextTurn();
  }
}

/** Z, the ECDH shared secret with the sender's ephemeral P-256 key; null if that is not one (WebCrypto refuses a point off the curve). */
async function agree(epk: unknown, privateKey: CryptoKey): Promise<Uint8Array | null> {
  if (typeof epk !== "object" || epk === null) return null;
  const { kty, crv, x, y, d } = epk as Record<string, unknown>;
  if (kty !== "EC" || crv !== "P-256" || typeof x !== "string" || typeof y !== "string" || d !== undefined) return null;
  try {
    const publicKey = await webcrypto.subtle.importKey("jwk", { kty, crv, x, y }, { name: "ECDH", namedCurve: "P-256" }, false, []);
    return new Uint8Array(await webcrypto.subtle.deriveBits({ name: "ECDH", public: publicKey }, privateKey, KEY_BITS));
  } catch {
    return null;
  }
}

/**
 * The content key from Z (RFC 7518 §4.6.2, NIST SP 800-56A Concat KDF with SHA-256): one round
 * gives the 256 bits A256GCM needs. The algorithm id is `enc`, as the key is used directly.
 */
function concatKdf(shared: Uint8Array, apu: Uint8Array, apv: Uint8Array): Buffer {
  const lengthPrefixed = (bytes: Uint8Array) => [uint32(bytes.length), bytes];
  return createHash("sha256")
    .update(Buffer.concat([uint32(1), shared, ...lengthPrefixed(Buffer.from(ENC)), ...lengthPrefixed(apu), ...lengthPrefixed(apv), uint32(KEY_BITS)]))
    .digest();
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** Base64url without padding; null for a length no encoding has (Node's decoder would quietly drop the odd character). */
function base64url(text: string): Buffer | null {
  return text.length % 4 === 1 ? null : Buffer.from(text, "base64url");
}

function optionalBase64url(value: unknown): Uint8Array | null {
  if (value === undefined) return new Uint8Array();
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]*$/.test(value)) return null;
  return base64url(value);
}
