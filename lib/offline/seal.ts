import { CompactEncrypt, importJWK, type JWK } from "jose";

/**
 * Seals an application on the device to the server's public key, so that a queued application,
 * photos included, is unreadable to anyone holding the phone (only the server's private key opens
 * it). Runs in browsers and in Node alike: WebCrypto and `Response` only, nothing server-side.
 * The server's side is lib/crypto/unseal.ts; the two must agree on these algorithms.
 */

/** ECDH-ES with an ephemeral key per seal (no key is stored on the device), then AES-256-GCM. */
const ALG = "ECDH-ES";
const ENC = "A256GCM";

/** GET /api/v1/keys and return the public key with use "enc" (throws if none). */
export async function fetchSealingKey(fetchImpl: typeof fetch = fetch): Promise<JWK> {
  const response = await fetchImpl("/api/v1/keys", { headers: { accept: "application/jwk-set+json, application/json" } });
  if (!response.ok) throw new Error(`GET /api/v1/keys answered ${response.status}`);
  const jwks = (await response.json()) as { keys?: JWK[] };
  const key = jwks.keys?.find((k) => k.use === "enc" && k.alg === ALG);
  if (!key) throw new Error("GET /api/v1/keys has no sealing key");
  return key;
}

/**
 * Seal a multipart application (FormData with the `application` JSON part and `photo` files as the
 * booking app sends it today — see lib/booking/api-client.ts submitApplication) to that key.
 * Returns the compact JWE, to be sent with `Content-Type: application/jose`.
 */
export async function sealForm(form: FormData, key: JWK): Promise<string> {
  // The server refuses a seal that does not name its key, and a private key has no place here.
  if (!key.kid) throw new Error("the sealing key has no kid");
  if (key.d !== undefined) throw new Error("refusing to seal with a private key");
  // `Response` writes the exact multipart bytes (and boundary) that `fetch` would send plain.
  const multipart = new Response(form);
  const contentType = multipart.headers.get("content-type");
  if (!contentType) throw new Error("the form has no content type");
  const plaintext = new Uint8Array(await multipart.arrayBuffer());
  const publicKey = await importJWK(key, ALG);
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: ALG, enc: ENC, kid: key.kid, cty: contentType })
    .encrypt(publicKey);
}
