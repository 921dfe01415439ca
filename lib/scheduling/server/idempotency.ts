import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/server/crypto/secrets";

/** A response to send again, byte for byte, when the same request is repeated. */
export type StoredResponse = { status: number; body: unknown };

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

/** JSON with sorted keys, so the same application always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * What "the same body" means for a repeat: the same application, whatever the multipart boundary
 * or key order, and the same photo bytes.
 */
export function requestFingerprint(application: unknown, photos: Uint8Array[]): string {
  return sha256Hex(`${canonicalJson(application)}\n${photos.map((p) => sha256Hex(p)).join(",")}`);
}
