import { randomBytes, webcrypto } from "node:crypto";
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { decryptEcdhEsA256Gcm, type CompactSegments } from "./sealed-decrypt";

let publicKey: CryptoKey;
let privateKey: CryptoKey;
let otherPrivateKey: CryptoKey;
beforeAll(async () => {
  ({ publicKey, privateKey } = (await generateKeyPair("ECDH-ES", { crv: "P-256" })) as { publicKey: CryptoKey; privateKey: CryptoKey });
  otherPrivateKey = (await generateKeyPair("ECDH-ES", { crv: "P-256" })).privateKey as CryptoKey;
});

async function sealed(plaintext: Uint8Array, extra: Record<string, unknown> = {}) {
  const encrypt = new CompactEncrypt(plaintext).setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM", kid: "k", cty: "multipart/form-data; boundary=x" });
  if (extra.apu || extra.apv) encrypt.setKeyManagementParameters({ apu: extra.apu as Uint8Array, apv: extra.apv as Uint8Array });
  return encrypt.encrypt(publicKey);
}

function parts(jwe: string): CompactSegments {
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = jwe.split(".");
  return { protectedHeader, encryptedKey, iv, ciphertext: Buffer.from(ciphertext, "latin1"), tag };
}

const open = (jwe: string, key = privateKey, header: Record<string, unknown> = decodeProtectedHeader(jwe)) => decryptEcdhEsA256Gcm(parts(jwe), header, key);

/** A segment with one character changed (its first bits, which every base64url length carries). */
const flipped = (segment: string) => (segment[0] === "A" ? "B" : "A") + segment.slice(1);

/** The header with other fields, encoded as the new first segment (the tag then no longer matches). */
function withHeader(jwe: string, changes: Record<string, unknown>): { jwe: string; header: Record<string, unknown> } {
  const header = { ...decodeProtectedHeader(jwe), ...changes };
  const [, ...rest] = jwe.split(".");
  return { jwe: [Buffer.from(JSON.stringify(header)).toString("base64url"), ...rest].join("."), header };
}

describe("decryptEcdhEsA256Gcm", () => {
  it("opens what jose seals, as jose opens it", async () => {
    // Sizes across the slices it decodes at a time (1 Mi characters, 768 KiB).
    for (const plaintext of [new Uint8Array(), randomBytes(1), randomBytes(100_003), randomBytes(768 * 1024), randomBytes(3 * 1024 * 1024 + 2)]) {
      const jwe = await sealed(plaintext);
      const mine = await open(jwe);
      const theirs = (await compactDecrypt(jwe, privateKey)).plaintext;
      // Compared as buffers: a deep equality of megabytes element by element takes a minute.
      expect(Buffer.from(mine!).equals(Buffer.from(theirs))).toBe(true);
      expect(Buffer.from(mine!).equals(Buffer.from(plaintext))).toBe(true);
    }
  });

  it("opens a body far larger than the app's in its worker thread, as jose does, and nothing tampered with there", async () => {
    // 5 MiB of plaintext is 6.7 Mi characters sealed: over the 4 Mi that stay on the main thread.
    const plaintext = randomBytes(5 * 1024 * 1024);
    const jwe = await sealed(plaintext);
    const mine = await open(jwe);
    expect(Buffer.from(mine!).equals(Buffer.from((await compactDecrypt(jwe, privateKey)).plaintext))).toBe(true);
    expect(Buffer.from(mine!).equals(plaintext)).toBe(true);
    const worker = (globalThis as { __puertaSealedWorker?: { worker: unknown } }).__puertaSealedWorker;
    expect(worker?.worker).toBeTruthy();
    const [h, k, iv, ct, tag] = jwe.split(".");
    expect(await open(jwe, otherPrivateKey)).toBeNull();
    expect(await open([h, k, iv, flipped(ct), tag].join("."))).toBeNull();
    expect(await open([h, k, iv, `${ct.slice(0, 3 * 1024 * 1024)}=${ct.slice(3 * 1024 * 1024)}`, tag].join("."))).toBeNull();
    // Still there for the next one.
    expect(Buffer.from((await open(jwe))!).equals(plaintext)).toBe(true);
  });

  it("uses the party infos in the key agreement", async () => {
    const jwe = await sealed(randomBytes(64), { apu: randomBytes(7), apv: randomBytes(9) });
    expect(Buffer.from((await open(jwe))!).equals(Buffer.from((await compactDecrypt(jwe, privateKey)).plaintext))).toBe(true);
    // Without them the key differs: nothing opens.
    const header = decodeProtectedHeader(jwe);
    expect(await open(jwe, privateKey, { ...header, apu: undefined })).toBeNull();
  });

  it("opens nothing tampered with, nor sealed to another key", async () => {
    const jwe = await sealed(randomBytes(1000));
    const [h, k, iv, ct, tag] = jwe.split(".");
    expect(await open(jwe, otherPrivateKey)).toBeNull();
    expect(await open([h, k, flipped(iv), ct, tag].join("."))).toBeNull();
    expect(await open([h, k, iv, flipped(ct), tag].join("."))).toBeNull();
    expect(await open([h, k, iv, ct, flipped(tag)].join("."))).toBeNull();
    // The header is the additional data: a changed header does not open, even with the same key agreement.
    const changed = withHeader(jwe, { kid: "another" });
    expect(await open(changed.jwe, privateKey, changed.header)).toBeNull();
  });

  it("refuses an encrypted key, segments of impossible lengths, and an IV or tag of the wrong size", async () => {
    const jwe = await sealed(randomBytes(100));
    const [h, , iv, ct, tag] = jwe.split(".");
    expect(await open([h, "AAAA", iv, ct, tag].join("."))).toBeNull();
    expect(await open([h, "", `${iv}A`, ct, tag].join("."))).toBeNull();
    expect(await open([h, "", iv, `${ct}A`, tag].join("."))).toBeNull();
    expect(await open([h, "", iv.slice(0, 8), ct, tag].join("."))).toBeNull();
    expect(await open([h, "", iv, ct, tag.slice(0, 16)].join("."))).toBeNull();
  });

  it("refuses a ciphertext with a character that is not base64url, which Node's decoder would skip", async () => {
    const jwe = await sealed(randomBytes(2 * 1024 * 1024));
    const [h, k, iv, ct, tag] = jwe.split(".");
    // In the second slice, and as the last character: the rest still decodes to the same bytes.
    for (const at of [1024 * 1024 + 4, ct.length]) {
      expect(await open([h, k, iv, `${ct.slice(0, at)}=${ct.slice(at)}`, tag].join("."))).toBeNull();
    }
    expect(await open([h, k, iv, `${ct.slice(0, 8)}\n${ct.slice(8)}`, tag].join("."))).toBeNull();
  });

  it("refuses an ephemeral key that is not a P-256 public point", async () => {
    const jwe = await sealed(randomBytes(100));
    const header = decodeProtectedHeader(jwe) as { epk: JWK };
    const offCurve = { ...header.epk, y: flipped(header.epk.y!) };
    const p384 = await exportJWK((await webcrypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-384" }, true, ["deriveBits"])).publicKey);
    const withPrivate = { ...header.epk, d: "AAAA" };
    for (const epk of [offCurve, p384, withPrivate, { ...header.epk, kty: "OKP" }, undefined, "epk"]) {
      expect(await open(jwe, privateKey, { ...header, epk })).toBeNull();
    }
  });
});
