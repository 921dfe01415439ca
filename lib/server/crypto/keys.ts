import "server-only";
import { createPrivateKey, type KeyObject, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { getConfig } from "@/lib/server/config/env";

/**
 * The server's key material: an ES256 key that signs appointment tokens (the QR code), an
 * ECDH-ES P-256 key that queued applications are sealed to, and a pepper for keyed hashes.
 * Taken from configuration when given, else generated once into PUERTA_DATA_DIR and reused.
 */
export type ServerKeys = {
  /** A node:crypto key: tokens are signed with node:crypto (see appointment-token.ts). */
  signing: { privateKey: KeyObject; publicJwk: JWK; kid: string };
  sealing: { privateKey: CryptoKey; publicJwk: JWK; kid: string };
  pepper: Buffer;
};

type StoredKeys = { signing: JWK; sealing: JWK; pepper: string };

const holder = globalThis as typeof globalThis & { __puertaKeys?: Promise<ServerKeys> };

export function getServerKeys(): Promise<ServerKeys> {
  holder.__puertaKeys ??= loadKeys();
  return holder.__puertaKeys;
}

async function loadKeys(): Promise<ServerKeys> {
  const config = getConfig();
  const stored = await storedOrGenerated(path.join(config.PUERTA_DATA_DIR, "keys.json"));
  const signingJwk = config.PUERTA_SIGNING_JWK ? (JSON.parse(config.PUERTA_SIGNING_JWK) as JWK) : stored.signing;
  const sealingJwk = config.PUERTA_SEALING_JWK ? (JSON.parse(config.PUERTA_SEALING_JWK) as JWK) : stored.sealing;
  return {
    signing: { ...(await publicEntry(signingJwk, "ES256")), privateKey: createPrivateKey({ key: { ...signingJwk }, format: "jwk" }) },
    sealing: { ...(await publicEntry(sealingJwk, "ECDH-ES")), privateKey: (await importJWK(sealingJwk, "ECDH-ES")) as CryptoKey },
    pepper: Buffer.from(config.PUERTA_PEPPER ?? stored.pepper, "utf8"),
  };
}

/** The key's public half as /api/v1/keys publishes it, and its id (the JWK thumbprint). */
async function publicEntry(jwk: JWK, alg: "ES256" | "ECDH-ES") {
  const { d: _private, ...publicJwk } = jwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  return { publicJwk: { ...publicJwk, kid, alg, use: alg === "ES256" ? "sig" : "enc" }, kid };
}

async function storedOrGenerated(file: string): Promise<StoredKeys> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as StoredKeys;
  const generate = async (alg: "ES256" | "ECDH-ES") => {
    const { privateKey } = await generateKeyPair(alg, { crv: "P-256", extractable: true });
    return exportJWK(privateKey);
  };
  const keys: StoredKeys = {
    signing: await generate("ES256"),
    sealing: await generate("ECDH-ES"),
    pepper: randomBytes(32).toString("base64url"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  // `wx`: if another process created the file meanwhile, keep theirs and read it back.
  try {
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: "wx" });
    return keys;
  } catch {
    return JSON.parse(readFileSync(file, "utf8")) as StoredKeys;
  }
}

/** The public JWKS served at /api/v1/keys. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  const keys = await getServerKeys();
  return { keys: [keys.signing.publicJwk, keys.sealing.publicJwk] };
}
