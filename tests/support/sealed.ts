import { CompactEncrypt, importJWK, type CompactJWEHeaderParameters, type JWK } from "jose";
import { GET as keysRoute } from "@/app/api/v1/keys/route";
import { fetchSealingKey } from "@/lib/offline/client/seal";
import { idempotencyKey, phonePhoto } from "./fixtures";
import { bookingRequest } from "./requests";

const BASE = "http://localhost:3000";

/** `fetch` as the browser would make it, answered by the real route handlers of this test server. */
const routeFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), BASE);
  if (url.pathname !== "/api/v1/keys") throw new Error(`routeFetch does not serve ${url.pathname}`);
  return keysRoute(new Request(url, init), {});
};

/** The server's sealing key, fetched the way the booking app fetches it. */
export function serverSealingKey(): Promise<JWK> {
  return fetchSealingKey(routeFetch);
}

/** The multipart form the booking app sends: the application and one real photo per traveler. */
export async function applicationForm(application: Record<string, unknown>, photos?: (Blob | Buffer)[]): Promise<FormData> {
  const count = Array.isArray(application.travelers) ? application.travelers.length : 1;
  const photo = await phonePhoto();
  return bookingRequest(application, { photos: photos ?? Array.from({ length: count }, () => photo) }).formData();
}

/** A POST /api/v1/appointments carrying a sealed body. */
export function sealedRequest(jwe: string | Uint8Array, options: { key?: string; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers({ "content-type": "application/jose", ...options.headers });
  headers.set("idempotency-key", options.key ?? idempotencyKey());
  return new Request(`${BASE}/api/v1/appointments`, { method: "POST", body: jwe as BodyInit, headers });
}

/**
 * A JWE made by hand, for what the booking app never sends: other algorithms, other content
 * types, other keys. `key` is a public JWK (key agreement) or raw bytes (`dir`).
 */
export async function handmadeJwe(plaintext: Uint8Array, header: CompactJWEHeaderParameters, key: JWK | Uint8Array): Promise<string> {
  const encryptionKey = key instanceof Uint8Array ? key : await importJWK(key, header.alg);
  return new CompactEncrypt(plaintext).setProtectedHeader(header).encrypt(encryptionKey);
}

/** The bytes and Content-Type a form is sent as. */
export async function multipartOf(form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> {
  const response = new Response(form);
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get("content-type")! };
}
