import "client-only";
import { CompactEncrypt, importJWK, type JWK } from "jose";
import { fetchSealingKey, SEALING_ALG } from "./sealing-key";

/**
 * Seals an application on the device to the server's public key, so that a queued application,
 * photos included, is unreadable to anyone holding the phone (only the server's private key opens
 * it). Runs in browsers and in Node alike: WebCrypto and `Response` only, nothing server-side.
 * The server's side is lib/server/http/sealed-body.ts; the two must agree on these algorithms.
 */

const ALG = SEALING_ALG;
const ENC = "A256GCM";

export { fetchSealingKey };

/**
 * Seal a multipart application (FormData with the `application` JSON part and `photo` files as the
 * booking app sends it today — see lib/scheduling/client/api-client.ts submitApplication) to that key.
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
