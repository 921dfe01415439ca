import { CompactEncrypt, importJWK, type JWK } from "jose";

/** GET /api/v1/keys and return the public key with use "enc" (throws if none). */
export async function fetchSealingKey(fetchImpl: typeof fetch = fetch): Promise<JWK> {
  const response = await fetchImpl("/api/v1/keys");
  if (!response.ok) throw new Error(`keys: ${response.status}`);
  const { keys } = (await response.json()) as { keys: JWK[] };
  const key = keys.find((k) => k.use === "enc");
  if (!key) throw new Error("no sealing key");
  return key;
}

/** Seal a multipart application to that key. Returns the compact JWE. */
export async function sealForm(form: FormData, key: JWK): Promise<string> {
  const body = new Response(form);
  const cty = body.headers.get("content-type")!;
  const plaintext = new Uint8Array(await body.arrayBuffer());
  const publicKey = await importJWK(key, "ECDH-ES");
  return new CompactEncrypt(plaintext).setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM", cty, ...(key.kid && { kid: key.kid }) }).encrypt(publicKey);
}
