import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { appointments, idempotencyKeys, photos, travelers } from "@/lib/server/db/schema";
import { GET as openapiRoute } from "@/app/api/v1/openapi.json/route";
import { sealedBodyLimit } from "@/lib/server/http/sealed-body";
import { sealForm } from "@/lib/offline/client/seal";
import { useTestServer } from "../support/api";
import { application, idempotencyKey, traveler } from "../support/fixtures";
import { book, bookingRequest, fetchAppointment, send, someSlot, type Answer } from "../support/requests";
import { applicationForm, handmadeJwe, multipartOf, sealedRequest, serverSealingKey } from "../support/sealed";

// Small enough that a 10-traveler application of real photos (about 1.7 MB) fits plain but, grown
// by a third in base64url, would not fit under the same number sealed.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const server = useTestServer({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) });

let serverKey: JWK;
beforeAll(async () => {
  serverKey = await serverSealingKey();
});

async function stored() {
  const db = await server.db();
  const counts = await Promise.all(
    [appointments, travelers, photos, idempotencyKeys].map(async (table) => (await db.select({ n: count() }).from(table))[0].n),
  );
  return counts.join(",");
}

/** Runs a request that must fail, and checks that it failed cleanly and stored nothing. */
async function refused(run: () => Promise<Answer>, status: number, code: string): Promise<Answer> {
  const before = await stored();
  const answer = await run();
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(typeof answer.body.error.message).toBe("string");
  const text = JSON.stringify(answer.body);
  for (const leak of ["stack", "Error", "JWE", "decrypt", "/work", "node_modules"]) expect(text).not.toContain(leak);
  expect(await stored()).toBe(before);
  return answer;
}

async function sealedApplication(app: Record<string, unknown>) {
  return sealForm(await applicationForm(app), serverKey);
}

async function firstComeApplication(seats = 1) {
  const slot = await someSlot("san-ysidro", seats);
  const family = Array.from({ length: seats }, () => traveler());
  return application({ slotId: slot.id, travelers: family });
}

describe("a sealed application", () => {
  it("is sealed to the public key the booking app fetches from GET /api/v1/keys", () => {
    expect(serverKey).toMatchObject({ use: "enc", alg: "ECDH-ES", kty: "EC", crv: "P-256", kid: expect.any(String) });
    expect(serverKey.d).toBeUndefined();
  });

  it("books exactly like the plain one", async () => {
    const app = await firstComeApplication(2);
    const jwe = await sealedApplication(app);
    const booked = await send(sealedRequest(jwe));

    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.appointment).toMatchObject({ status: "confirmed", portId: "san-ysidro" });
    expect(booked.body.appointment.travelers).toEqual(
      (app.travelers as { givenNames: string; familyNames: string }[]).map(({ givenNames, familyNames }) => ({ givenNames, familyNames, photo: "pending" })),
    );
    const read = await fetchAppointment(booked.body.appointment.code, booked.body.secret);
    expect(read.status).toBe(200);
    expect(read.body.appointment).toEqual(booked.body.appointment);
  });

  it("is requested at a draw port like the plain one", async () => {
    const answer = await send(sealedRequest(await sealedApplication(application({ portId: "eagle-pass" }))));
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    expect(answer.body.appointment).toMatchObject({ status: "requested", portId: "eagle-pass", drawAt: expect.any(String) });
  });

  it("is refused by the same rules, with the same errors", async () => {
    const slot = await someSlot("san-ysidro");
    const bad = application({ slotId: slot.id, travelers: [traveler({ dateOfBirth: "1990-02-30" })] });
    const plain = await refused(() => book(bad, undefined, { "accept-language": "ht" }), 422, "validation_failed");
    const sealed = await refused(
      async () => send(sealedRequest(await sealedApplication(bad), { headers: { "accept-language": "ht" } })),
      422,
      "validation_failed",
    );
    expect(sealed.body).toEqual(plain.body);

    const noPhoto = sealForm(await applicationForm(application({ slotId: slot.id }), []), serverKey);
    await refused(async () => send(sealedRequest(await noPhoto)), 422, "photo_missing");
    await refused(async () => send(sealedRequest(await sealedApplication(application({ slotId: slot.id })), { key: "short" })), 400, "invalid_idempotency_key");
  });

  it("of 10 travelers fits whenever the plain one does", async () => {
    const app = await firstComeApplication(10);
    const form = await applicationForm(app);
    const plainBytes = (await multipartOf(form)).bytes.byteLength;
    const jwe = await sealForm(form, serverKey);
    // The test means something only if the sealed text is over the plain limit.
    expect(plainBytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(jwe.length).toBeGreaterThan(MAX_BODY_BYTES);

    const booked = await send(sealedRequest(jwe, { headers: { "content-length": String(jwe.length) } }));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.appointment.travelers).toHaveLength(10);
  });
});

describe("idempotency of sealed applications", () => {
  it("replays the first response for the same application sealed again, and stores one appointment", async () => {
    const app = await firstComeApplication();
    const key = idempotencyKey();
    const first = await sealedApplication(app);
    const again = await sealedApplication(app);
    expect(again).not.toBe(first); // a fresh ephemeral key and IV each time

    const before = await stored();
    const a = await send(sealedRequest(first, { key }));
    const b = await send(sealedRequest(again, { key }));
    expect(a.status).toBe(201);
    expect(b).toMatchObject({ status: 201, body: a.body });
    expect(Number((await stored()).split(",")[0]) - Number(before.split(",")[0])).toBe(1);
  });

  it("creates one appointment when the re-sealed repeats arrive together", async () => {
    const app = await firstComeApplication();
    const key = idempotencyKey();
    const seals = await Promise.all(Array.from({ length: 6 }, () => sealedApplication(app)));
    const before = Number((await stored()).split(",")[0]);

    const answers = await Promise.all(seals.map((jwe) => send(sealedRequest(jwe, { key }))));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.appointment.code)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.secret)).size).toBe(1);
    expect(Number((await stored()).split(",")[0]) - before).toBe(1);
  });

  it("treats a sealed and a plain send of the same application as one request", async () => {
    const app = await firstComeApplication();
    const key = idempotencyKey();
    const before = Number((await stored()).split(",")[0]);
    const sealed = await send(sealedRequest(await sealedApplication(app), { key }));
    const plain = await book(app, key);
    expect(sealed.status).toBe(201);
    expect(plain).toMatchObject({ status: 201, body: sealed.body });
    expect(Number((await stored()).split(",")[0]) - before).toBe(1);
  });

  it("refuses the same key with another sealed application", async () => {
    const key = idempotencyKey();
    const first = await send(sealedRequest(await sealedApplication(await firstComeApplication()), { key }));
    expect(first.status).toBe(201);
    const other = await sealedApplication(await firstComeApplication());
    await refused(() => send(sealedRequest(other, { key })), 422, "idempotency_key_reused");
  });
});

describe("what cannot be opened", () => {
  const unreadable = (jwe: string | Uint8Array) => refused(() => send(sealedRequest(jwe)), 400, "sealed_body_unreadable");

  async function validMultipart() {
    return multipartOf(await applicationForm(await firstComeApplication()));
  }

  it("refuses a tampered ciphertext or header", async () => {
    const jwe = await sealedApplication(await firstComeApplication());
    const parts = jwe.split(".");
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);
    await unreadable([parts[0], parts[1], parts[2], flip(parts[3], 100), parts[4]].join("."));
    await unreadable([parts[0], parts[1], parts[2], parts[3], flip(parts[4], 3)].join("."));
    await unreadable([parts[0], parts[1], parts[2], parts[3].slice(0, -40), parts[4]].join("."));
    // A header changed after sealing (here, another boundary) no longer matches the GCM tag.
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString());
    const changed = Buffer.from(JSON.stringify({ ...header, cty: "multipart/form-data; boundary=other" })).toString("base64url");
    await unreadable([changed, ...parts.slice(1)].join("."));
  });

  it("refuses a seal to another key, or naming another key", async () => {
    const { publicKey } = await generateKeyPair("ECDH-ES", { crv: "P-256", extractable: true });
    const otherJwk = { ...(await exportJWK(publicKey)), use: "enc", alg: "ECDH-ES" };
    const form = await applicationForm(await firstComeApplication());
    await unreadable(await sealForm(form, { ...otherJwk, kid: await calculateJwkThumbprint(otherJwk) }));
    await unreadable(await sealForm(form, { ...otherJwk, kid: serverKey.kid }));
    // Sealed to the right key but naming another: a client confused about keys is told so at once.
    await unreadable(await sealForm(form, { ...serverKey, kid: "an-old-key" }));
  });

  it("refuses other algorithms, even those the server's key could open", async () => {
    const { bytes, contentType } = await validMultipart();
    const header = { kid: serverKey.kid, cty: contentType };
    await unreadable(await handmadeJwe(bytes, { ...header, alg: "dir", enc: "A256GCM" }, randomBytes(32)));
    await unreadable(await handmadeJwe(bytes, { ...header, alg: "ECDH-ES+A256KW", enc: "A256GCM" }, serverKey));
    await unreadable(await handmadeJwe(bytes, { ...header, alg: "ECDH-ES", enc: "A128GCM" }, serverKey));
    await unreadable(await handmadeJwe(bytes, { ...header, alg: "ECDH-ES", enc: "A256CBC-HS512" }, serverKey));
    // Compression would let a small body inflate past the size limit.
    await unreadable(await handmadeJwe(bytes, { ...header, alg: "ECDH-ES", enc: "A256GCM", zip: "DEF" }, serverKey));
    const none = Buffer.from(JSON.stringify({ alg: "none", enc: "A256GCM", ...header })).toString("base64url");
    await unreadable(`${none}..AAAAAAAAAAAAAAAA.${Buffer.from(bytes).toString("base64url")}.AAAAAAAAAAAAAAAAAAAAAA`);
  });

  it("refuses a plaintext that is not declared multipart with a boundary", async () => {
    const { bytes, contentType } = await validMultipart();
    const seal = (cty: string | undefined) =>
      handmadeJwe(bytes, { alg: "ECDH-ES", enc: "A256GCM", kid: serverKey.kid, ...(cty === undefined ? {} : { cty }) }, serverKey);
    await unreadable(await seal(undefined));
    await unreadable(await seal("application/json"));
    await unreadable(await seal("multipart/form-data"));
    await unreadable(await seal(contentType.replace("form-data", "mixed")));
  });

  it("refuses garbage, an empty body and a JSON-serialized JWE", async () => {
    await unreadable("this is not a sealed application");
    await unreadable("");
    await unreadable(randomBytes(2000));
    await unreadable("a.b.c.d.e");
    const jwe = await sealedApplication(await firstComeApplication());
    const [protectedHeader, , iv, ciphertext, tag] = jwe.split(".");
    await unreadable(JSON.stringify({ protected: protectedHeader, iv, ciphertext, tag }));
  });

  it("answers in the client's language", async () => {
    const es = await refused(() => send(sealedRequest("nope", { headers: { "accept-language": "es" } })), 400, "sealed_body_unreadable");
    expect(es.body.error.message).toBe("No pudimos abrir su solicitud. Por favor, llénela de nuevo y envíela.");
  });

  it("treats a well-sealed but broken multipart body like a plain one", async () => {
    const broken = new TextEncoder().encode('--xyz\r\nContent-Disposition: form-data; name="application"\r\n\r\n{"a":1}\r\n--nope');
    const jwe = await handmadeJwe(broken, { alg: "ECDH-ES", enc: "A256GCM", kid: serverKey.kid, cty: "multipart/form-data; boundary=xyz" }, serverKey);
    await refused(() => send(sealedRequest(jwe)), 400, "malformed_request");
    await refused(
      () => send(new Request(bookingRequest({}).url, { method: "POST", body: broken, headers: { "content-type": "multipart/form-data; boundary=xyz", "idempotency-key": idempotencyKey() } })),
      400,
      "malformed_request",
    );
  });
});

describe("size limits of sealed bodies", () => {
  it("refuses a sealed body over the limit, declared or streamed", async () => {
    const form = await applicationForm(application(), [randomBytes(3 * 1024 * 1024)]);
    const jwe = await sealForm(form, serverKey);
    expect(jwe.length).toBeGreaterThan(sealedBodyLimit(MAX_BODY_BYTES));
    await refused(() => send(sealedRequest(jwe, { headers: { "content-length": String(jwe.length) } })), 413, "payload_too_large");
    await refused(() => send(sealedRequest(jwe)), 413, "payload_too_large");
  });

  it("refuses a plaintext over the plain limit even when its sealed text fits", async () => {
    const app = application();
    const overhead = (await multipartOf(await applicationForm(app, [Buffer.alloc(0)]))).bytes.byteLength;
    const form = await applicationForm(app, [randomBytes(MAX_BODY_BYTES - overhead + 2000)]);
    const { bytes } = await multipartOf(form);
    const jwe = await sealForm(form, serverKey);
    expect(bytes.byteLength).toBeGreaterThan(MAX_BODY_BYTES);
    expect(jwe.length).toBeLessThanOrEqual(sealedBodyLimit(MAX_BODY_BYTES));
    await refused(() => send(sealedRequest(jwe)), 413, "payload_too_large");
  });
});

describe("the OpenAPI document", () => {
  it("describes the sealed body beside the plain one, and its error", async () => {
    const doc = await (await openapiRoute(new Request("http://localhost/api/v1/openapi.json"), {})).json();
    const post = doc.paths["/api/v1/appointments"].post;
    expect(Object.keys(post.requestBody.content)).toEqual(["multipart/form-data", "application/jose"]);
    expect(post.requestBody.content["application/jose"].schema.description).toMatch(/ECDH-ES.*A256GCM.*kid.*cty/s);
    const jwe = await sealedApplication(await firstComeApplication());
    expect(jwe).toMatch(new RegExp(post.requestBody.content["application/jose"].schema.pattern));
    expect(post.responses["400"].description).toContain("sealed_body_unreadable");
  });
});
