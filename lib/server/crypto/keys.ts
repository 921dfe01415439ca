import "server-only";
import type { JWK } from "jose";
import { getConfig } from "@/lib/server/config/env";
import { processDatabase, readDeploymentKeys } from "./data/deployment-keys";
import { loadDeploymentKeys, serverKeys, type ServerKeys } from "./deployment-keys";

/**
 * The deployment's keys as this process holds them: an ES256 key that signs appointment tokens
 * (the QR code), the ECDH-ES P-256 keys queued applications are sealed to, and a pepper for keyed
 * hashes. Loaded once, at start, from the database (deployment-keys.ts), and looked up again when
 * a rotation (npm run keys:rotate) may have changed them: a sealed application naming a key this
 * process has not seen, or a JWKS older than a minute. A running instance follows the database
 * then, whatever its configuration says: the configuration is checked at its next start.
 */
export type { ServerKeys };

/** A kid this process does not know sends it to the database at most this often. */
const UNKNOWN_KID_RECHECK_MS = 1_000;
/** How stale the published JWKS may be after a rotation (its response is cached an hour anyway). */
const JWKS_RECHECK_MS = 60_000;

// On globalThis: Next.js may load this module in more than one bundle of the same process.
const holder = globalThis as typeof globalThis & {
  __puertaKeys?: Promise<ServerKeys>;
  __puertaKeysCheckedAt?: number;
  __puertaKeysRecheck?: Promise<ServerKeys>;
};

export function getServerKeys(): Promise<ServerKeys> {
  holder.__puertaKeys ??= load();
  return holder.__puertaKeys;
}

/** Forgets the keys and loads them again, as a restarted instance would (tests). */
export function reloadServerKeys(): Promise<ServerKeys> {
  holder.__puertaKeys = undefined;
  return getServerKeys();
}

async function load(): Promise<ServerKeys> {
  try {
    const keys = await loadDeploymentKeys(getConfig(), await processDatabase());
    holder.__puertaKeysCheckedAt = Date.now();
    return keys;
  } catch (error) {
    holder.__puertaKeys = undefined; // the next start-up attempt or request tries again
    throw error;
  }
}

/**
 * The private key that opens what a phone sealed to `kid`: the current sealing key or a retired
 * one. A kid this process does not know may be a key another instance rotated to since it
 * started, so the database is asked before the answer is "no such key": that answer is final for
 * the phone, which then drops the application.
 */
export async function sealingKeyFor(kid: string): Promise<CryptoKey | undefined> {
  return (await getServerKeys()).openers.get(kid) ?? (await recheck(UNKNOWN_KID_RECHECK_MS)).openers.get(kid);
}

/** The public JWKS served at /api/v1/keys: the key to seal to, and every key that verifies tokens. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  // A database that does not answer leaves the keys this process has: they are still the right ones.
  const keys = await recheck(JWKS_RECHECK_MS).catch(() => getServerKeys());
  const [current, ...retired] = keys.verifying;
  return { keys: [current, keys.sealing.publicJwk, ...retired] };
}

/** The keys as the database holds them now, unless they were read less than `maxAgeMs` ago. */
async function recheck(maxAgeMs: number): Promise<ServerKeys> {
  const keys = await getServerKeys();
  if (Date.now() - (holder.__puertaKeysCheckedAt ?? 0) < maxAgeMs) return keys;
  // Requests arriving meanwhile share the one reading.
  holder.__puertaKeysRecheck ??= reread().finally(() => {
    holder.__puertaKeysRecheck = undefined;
  });
  return holder.__puertaKeysRecheck;
}

async function reread(): Promise<ServerKeys> {
  const keys = await serverKeys(await readDeploymentKeys(await processDatabase()));
  holder.__puertaKeys = Promise.resolve(keys);
  holder.__puertaKeysCheckedAt = Date.now();
  return keys;
}
