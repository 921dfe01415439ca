import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Executor } from "@/lib/server/db/connection";
import { sha256Hex } from "@/lib/server/crypto/secrets";
import { AppError } from "@/lib/shared/errors/app-error";
import type { IdempotencyClaim } from "./data/application-statement";
import { deleteKeysCreatedBefore, readStoredFirst, type StoredFirst } from "./data/idempotency-keys";

/** A response to send again, byte for byte, when the same request is repeated. */
export type StoredResponse = { status: number; body: unknown };

/**
 * A request's fingerprint, or how to compute it: it is asked for only when a first request is
 * stored under the key, because hashing the photos costs more than the lookup.
 */
export type Fingerprint = string | (() => string);

export function idempotencyLookupKey(idempotencyKey: string): string {
  return sha256Hex(`puerta:idempotency:${idempotencyKey}`);
}

function responseKey(idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", idempotencyKey, "puerta", "idempotency-response", 32));
}

/**
 * Encrypts a stored response under a key derived from the Idempotency-Key: the response holds the
 * appointment's secret, which the database must not reveal to anyone who lacks that key.
 */
export function sealResponse(idempotencyKey: string, response: StoredResponse): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", responseKey(idempotencyKey), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(response), "utf8"), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

export function openResponse(idempotencyKey: string, sealed: Buffer): StoredResponse {
  const decipher = createDecipheriv("aes-256-gcm", responseKey(idempotencyKey), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  return JSON.parse(plain.toString("utf8")) as StoredResponse;
}

/** Text to write as it is, told apart from a value still to serialize (which may be a string too). */
class Verbatim {
  constructor(readonly text: string) {}
}

/**
 * JSON with sorted keys, so the same application always hashes the same. It hashes the body as
 * received, before validation, so it walks with a stack of its own rather than recursion: however
 * deeply a body nests, it costs heap, never the call stack (an overflow would be a 500).
 */
export function canonicalJson(value: unknown): string {
  let out = "";
  // Last in, first out: each container pushes its closing bracket, then its members in reverse.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next instanceof Verbatim) {
      out += next.text;
    } else if (Array.isArray(next)) {
      pending.push(new Verbatim("]"));
      for (let i = next.length - 1; i >= 0; i--) pending.push(next[i], new Verbatim(i > 0 ? "," : "["));
      if (next.length === 0) out += "[";
    } else if (next && typeof next === "object") {
      const entries = Object.entries(next as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      pending.push(new Verbatim("}"));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, member] = entries[i];
        pending.push(member, new Verbatim(`${i > 0 ? "," : "{"}${JSON.stringify(key)}:`));
      }
      if (entries.length === 0) out += "{";
    } else {
      // A string, number, boolean or null (undefined, which JSON.parse never makes, writes nothing).
      out += JSON.stringify(next) ?? "";
    }
  }
  return out;
}

/**
 * What "the same body" means for a repeat: the same application, whatever the multipart boundary
 * or key order, and the same photo bytes.
 */
export function requestFingerprint(application: unknown, photos: Uint8Array[]): string {
  return sha256Hex(`${canonicalJson(application)}\n${photos.map((p) => sha256Hex(p)).join(",")}`);
}

/**
 * The fingerprint of a form, computed when first asked for: a request answered from the
 * pre-checks (409 slot_full, say) never is.
 */
export function lazyFingerprint(application: unknown, photos: (Uint8Array | undefined)[]): () => string {
  let fingerprint: string | undefined;
  return () => (fingerprint ??= requestFingerprint(application, photos.filter((p): p is Uint8Array => p !== undefined)));
}

/**
 * The replay decision: the first response stored under the key when the body is the same, nothing
 * when no response was stored, and `idempotency_key_reused` for another body.
 */
export function replay(first: StoredFirst | null, idempotencyKey: string, fingerprint: Fingerprint): StoredResponse | null {
  if (!first?.response) return null;
  if (first.requestHash !== (typeof fingerprint === "string" ? fingerprint : fingerprint())) throw new AppError("idempotency_key_reused");
  return openResponse(idempotencyKey, first.response);
}

/** The first response to this Idempotency-Key, if there was one; a different body is an error. */
export async function findRepeat(idempotencyKey: string, fingerprint: Fingerprint): Promise<StoredResponse | null> {
  return replay(await readStoredFirst(idempotencyLookupKey(idempotencyKey)), idempotencyKey, fingerprint);
}

/** The key's row as a submission stores it: looked up by hash, the response sealed under the key. */
export function idempotencyClaim(idempotencyKey: string, fingerprint: string, response: StoredResponse): IdempotencyClaim {
  return {
    keyHash: idempotencyLookupKey(idempotencyKey),
    requestHash: fingerprint,
    status: response.status,
    response: sealResponse(idempotencyKey, response),
  };
}

/**
 * Stored first responses are kept long enough for any client's retries, then forgotten; answers
 * how many went. The purge forgets them at RETENTION_DAYS too, whichever comes first.
 */
export async function forgetOldIdempotencyKeys(db: Executor, now: Date, days: number): Promise<number> {
  return deleteKeysCreatedBefore(db, new Date(now.getTime() - days * 86_400_000));
}
