import "client-only";
import type { JWK } from "jose";

/**
 * The server's public sealing key, fetched without loading jose: every page keeps the key on the
 * phone (for sealing with no signal later), and only a send that has to wait loads the sealing
 * code itself (seal.ts).
 */
/** ECDH-ES with an ephemeral key per seal (no key is stored on the device), then AES-256-GCM. */
export const SEALING_ALG = "ECDH-ES";

/** GET /api/v1/keys and return the public key with use "enc" (throws if none). */
export async function fetchSealingKey(fetchImpl: typeof fetch = fetch): Promise<JWK> {
  const response = await fetchImpl("/api/v1/keys", { headers: { accept: "application/jwk-set+json, application/json" } });
  if (!response.ok) throw new Error(`GET /api/v1/keys answered ${response.status}`);
  const jwks = (await response.json()) as { keys?: JWK[] };
  const key = jwks.keys?.find((k) => k.use === "enc" && k.alg === SEALING_ALG);
  if (!key) throw new Error("GET /api/v1/keys has no sealing key");
  return key;
}
