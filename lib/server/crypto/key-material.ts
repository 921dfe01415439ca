import "server-only";
import { createHmac, createPrivateKey, randomBytes } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { ConfigError } from "@/lib/server/config/env";

/**
 * The three kinds of key material and what identifies each one without showing it: a JWK's
 * thumbprint (RFC 7638, its `kid` in GET /api/v1/keys), a fingerprint of the pepper.
 */

export type JwkPurpose = "signing" | "sealing";

const ALG = { signing: "ES256", sealing: "ECDH-ES" } as const;

/** A new private key as a JWK, P-256 like every key the booking app and verifiers expect. */
export async function generateJwk(purpose: JwkPurpose): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG[purpose], { crv: "P-256", extractable: true });
  return exportJWK(privateKey);
}

/** 256 random bits, as text: the pepper is used as the UTF-8 bytes of its text (as configured). */
export function generatePepper(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * A configured private key, checked now: a wrong value must stop the start naming the setting,
 * not fail the first booking. The message never repeats the value.
 */
export function parsePrivateJwk(text: string, setting: string): JWK {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new ConfigError(`${setting} is not JSON: it holds a private key as a JWK`);
  }
  const { kty, crv, d, x, y } = (jwk ?? {}) as Record<string, unknown>;
  if (kty !== "EC" || crv !== "P-256" || ![d, x, y].every((part) => typeof part === "string")) {
    throw new ConfigError(`${setting} is not a P-256 private key (a JWK with kty "EC", crv "P-256", x, y and d)`);
  }
  return jwk as JWK;
}

/** The public half as /api/v1/keys publishes it, with its kid. */
export async function publicEntry(jwk: JWK, purpose: JwkPurpose): Promise<{ publicJwk: JWK; kid: string }> {
  const { kty, crv, x, y } = jwk;
  const kid = await jwkKid(jwk);
  return { publicJwk: { kty, crv, x, y, kid, alg: ALG[purpose], use: purpose === "signing" ? "sig" : "enc" }, kid };
}

export function jwkKid(jwk: JWK): Promise<string> {
  const { kty, crv, x, y } = jwk;
  return calculateJwkThumbprint({ kty, crv, x, y });
}

/**
 * Names a pepper in messages and in the database's `kid` column. A keyed hash of a fixed label:
 * it tells two peppers apart and, the pepper being 32 random bytes (or at least 32 configured
 * characters), reveals nothing of it.
 */
export function pepperKid(pepper: string): string {
  return createHmac("sha256", Buffer.from(pepper, "utf8")).update("puerta:pepper-fingerprint", "utf8").digest("base64url");
}

export function signingPrivateKey(jwk: JWK) {
  return createPrivateKey({ key: { ...jwk }, format: "jwk" });
}

export async function sealingPrivateKey(jwk: JWK): Promise<CryptoKey> {
  return (await importJWK(jwk, ALG.sealing)) as CryptoKey;
}
