import { calculateJwkThumbprint, compactDecrypt, decodeProtectedHeader, exportJWK, generateKeyPair } from "jose";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fetchSealingKey, sealForm } from "./seal";

// The server's side of these seals (kid, algorithms, size limits) is tested end to end against the
// route handler in tests/integration/sealed.test.ts; this file checks the sealing on its own.

let privateKey: CryptoKey;
let publicJwk: Awaited<ReturnType<typeof exportJWK>>;

beforeAll(async () => {
  const pair = await generateKeyPair("ECDH-ES", { crv: "P-256" });
  privateKey = pair.privateKey;
  const exported = await exportJWK(pair.publicKey);
  publicJwk = { ...exported, kid: await calculateJwkThumbprint(exported), use: "enc", alg: "ECDH-ES" };
});

function applicationForm() {
  const form = new FormData();
  form.set("application", JSON.stringify({ portId: "san-ysidro", travelers: [{ givenNames: "Wideline", familyNames: "Joseph" }] }));
  form.set("photo.0", new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: "image/jpeg" }), "photo-0.jpg");
  return form;
}

describe("sealForm", () => {
  it("seals the multipart body to the key with ECDH-ES and AES-256-GCM, naming the key and the body's type", async () => {
    const jwe = await sealForm(applicationForm(), publicJwk);
    expect(jwe.split(".")).toHaveLength(5);
    const header = decodeProtectedHeader(jwe);
    expect(header).toMatchObject({ alg: "ECDH-ES", enc: "A256GCM", kid: publicJwk.kid, epk: { kty: "EC", crv: "P-256" } });
    expect(header.cty).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect(jwe).not.toContain("Wideline");
    expect(Buffer.from(jwe.split(".")[3], "base64url").toString("latin1")).not.toContain("Wideline");

    const { plaintext } = await compactDecrypt(jwe, privateKey);
    const opened = await new Response(plaintext as Uint8Array<ArrayBuffer>, { headers: { "content-type": header.cty! } }).formData();
    expect(JSON.parse(opened.get("application") as string).travelers[0].givenNames).toBe("Wideline");
    const photo = opened.get("photo.0") as File;
    expect(photo.name).toBe("photo-0.jpg");
    expect([...new Uint8Array(await photo.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  });

  it("uses a fresh ephemeral key each time", async () => {
    const form = applicationForm();
    const [a, b] = [await sealForm(form, publicJwk), await sealForm(form, publicJwk)];
    expect(decodeProtectedHeader(a).epk).not.toEqual(decodeProtectedHeader(b).epk);
    expect(a.split(".")[3]).not.toBe(b.split(".")[3]);
  });

  it("refuses a key the server could not name, and a private key", async () => {
    const { kid: _kid, ...unnamed } = publicJwk;
    await expect(sealForm(applicationForm(), unnamed)).rejects.toThrow(/kid/);
    const { privateKey: other } = await generateKeyPair("ECDH-ES", { crv: "P-256", extractable: true });
    await expect(sealForm(applicationForm(), { ...(await exportJWK(other)), kid: "x" })).rejects.toThrow(/private/);
  });
});

describe("fetchSealingKey", () => {
  const answering = (status: number, body: unknown): typeof fetch => async () => Response.json(body, { status });

  it("picks the key with use enc from the JWKS", async () => {
    const signing = { kty: "EC", crv: "P-256", x: "x", y: "y", use: "sig", alg: "ES256", kid: "s" };
    expect(await fetchSealingKey(answering(200, { keys: [signing, publicJwk] }))).toEqual(publicJwk);
  });

  it("throws when there is no sealing key or the server refuses", async () => {
    await expect(fetchSealingKey(answering(200, { keys: [] }))).rejects.toThrow(/no sealing key/);
    await expect(fetchSealingKey(answering(503, { error: { code: "service_unavailable" } }))).rejects.toThrow(/503/);
  });
});

describe("the sealing module", () => {
  it("imports nothing but jose, so it runs in the browser and the service worker", () => {
    const importsOf = (file: string) => {
      const source = readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8");
      return [...source.matchAll(/^import (type )?.* from "([^"]+)";$/gm)].map((m) => `${m[1] ?? ""}${m[2]}`);
    };
    expect(importsOf("./seal.ts")).toEqual(["jose", "./sealing-key"]);
    // Fetching the key must not load jose: every page keeps the key, few pages seal.
    expect(importsOf("./sealing-key.ts")).toEqual(["type jose"]);
  });
});
