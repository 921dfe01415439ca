import { compactDecrypt, exportJWK, generateKeyPair, type JWK } from "jose";
import { http, HttpResponse } from "msw";
import { handlers } from "./handlers";

/**
 * The server's side of sealed applications for client tests: a sealing key pair, `/api/v1/keys`
 * publishing its public half, and a POST that opens `application/jose` bodies as the contract
 * says (a JWE of the multipart body, its type in `cty`) and answers as the plain handler does.
 * Every application that reaches it is recorded, opened.
 */
export async function sealedApi() {
  const { publicKey, privateKey } = await generateKeyPair("ECDH-ES", { crv: "P-256" });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: "test-sealing-key", use: "enc", alg: "ECDH-ES" };
  const received: { idempotencyKey: string; contentType: string; application: Record<string, unknown>; photos: number }[] = [];
  const plainPost = handlers.find((h) => h.info.method === "POST" && String(h.info.path).endsWith("/api/v1/appointments"))!;

  const keys = http.get("*/api/v1/keys", () => HttpResponse.json({ keys: [publicJwk] }));
  const post = http.post("*/api/v1/appointments", async ({ request }) => {
    const contentType = request.headers.get("content-type") ?? "";
    if (!contentType.startsWith("application/jose")) return;
    const opened = await compactDecrypt(await request.text(), privateKey);
    const { protectedHeader } = opened;
    const plaintext = new Uint8Array(opened.plaintext) as Uint8Array<ArrayBuffer>;
    const form = await new Response(plaintext, { headers: { "content-type": String(protectedHeader.cty) } }).formData();
    received.push({
      idempotencyKey: request.headers.get("idempotency-key") ?? "",
      contentType: String(protectedHeader.cty),
      application: JSON.parse(String(form.get("application"))),
      photos: [...form.keys()].filter((k) => k.startsWith("photo.")).length,
    });
    // Answered as the plain body would be: the same handler, given the opened multipart body.
    const plain = new Request(request.url, { method: "POST", headers: { "idempotency-key": request.headers.get("idempotency-key") ?? "", "content-type": String(protectedHeader.cty) }, body: plaintext });
    const result = await plainPost.run({ request: plain, requestId: crypto.randomUUID() });
    return result?.response;
  });
  return { publicJwk, received, handlers: [keys, post] };
}
