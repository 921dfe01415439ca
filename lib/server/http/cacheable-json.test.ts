import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { cacheableJson, cacheableJsonNow } from "./cacheable-json";
import { strongEtag } from "./etag";

const CACHE_CONTROL = "public, max-age=2";
const big = new TextEncoder().encode(JSON.stringify({ days: Array.from({ length: 100 }, (_, i) => ({ date: `day ${i}`, slots: [] })) }));
const small = new TextEncoder().encode('{"days":[]}');

/** As server.mjs sends it: asked again until the compressed copy (started by the first ask) is made. */
async function answer(body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Promise<Response> {
  const request = { acceptEncoding: headers["accept-encoding"], ifNoneMatch: headers["if-none-match"] };
  for (let tries = 0; tries < 200; tries++) {
    const now = cacheableJsonNow(request, body, CACHE_CONTROL);
    if (now) return new Response(now.body, { status: now.status, headers: now.headers });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("the compressed copy was never made");
}

describe("cacheableJson (through Next.js) and cacheableJsonNow (sent by server.mjs)", () => {
  it("sends the bytes as they are, with their ETag, Cache-Control and Vary, to a client that asks for no coding", async () => {
    const response = await answer(big);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      "cache-control": CACHE_CONTROL,
      "content-type": "application/json; charset=utf-8",
      etag: strongEtag(big),
      vary: "accept-encoding",
    });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(big);
  });

  it.each([
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, GZIP;q=0.5", true],
    ["*", true],
    ["x-gzip", true],
    ["gzip;q=0", false],
    ["gzip;q=0.000, *", false],
    ["*;q=0", false],
    ["br, deflate", false],
    ["identity", false],
  ])("Accept-Encoding %j: gzip %s", async (acceptEncoding, zipped) => {
    const response = await answer(big, { "accept-encoding": acceptEncoding });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("content-encoding")).toBe(zipped ? "gzip" : null);
    expect((zipped ? gunzipSync(bytes) : bytes).equals(Buffer.from(big))).toBe(true);
    expect(response.headers.get("etag")).toBe(strongEtag(new Uint8Array(bytes)));
  });

  it("through Next.js, always the plain bytes: Next.js drops a route's Content-Encoding and compresses itself", async () => {
    const response = cacheableJson(new Request("http://localhost/x", { headers: { "accept-encoding": "gzip" } }), big, CACHE_CONTROL);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("etag")).toBe(strongEtag(big));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(big);
    const revalidated = cacheableJson(new Request("http://localhost/x", { headers: { "if-none-match": strongEtag(big) } }), big, CACHE_CONTROL);
    expect(revalidated.status).toBe(304);
  });

  it("sent by server.mjs, nothing until the compressed copy is made: the request takes the full path", () => {
    const fresh = new TextEncoder().encode(JSON.stringify({ days: Array.from({ length: 100 }, (_, i) => ({ date: `new ${i}` })) }));
    expect(cacheableJsonNow({ acceptEncoding: "gzip" }, fresh, CACHE_CONTROL)).toBeUndefined();
    expect(cacheableJsonNow({}, fresh, CACHE_CONTROL)?.status).toBe(200);
  });

  it("compresses a body once, whoever asks, and leaves a small one as it is", async () => {
    const [a, b] = await Promise.all([answer(big, { "accept-encoding": "gzip" }), answer(big, { "accept-encoding": "gzip" })]);
    expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
    expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true);
    const tiny = await answer(small, { "accept-encoding": "gzip" });
    expect(tiny.headers.get("content-encoding")).toBeNull();
    expect(tiny.headers.get("etag")).toBe(strongEtag(small));
  });

  it("answers 304 with the same validators and no body when If-None-Match names the representation it would send", async () => {
    const plainTag = strongEtag(big);
    const zipped = await answer(big, { "accept-encoding": "gzip" });
    const zipTag = zipped.headers.get("etag")!;
    for (const [headers, etag] of [
      [{ "if-none-match": plainTag }, plainTag],
      [{ "if-none-match": `W/${zipTag}`, "accept-encoding": "gzip" }, zipTag],
    ] as const) {
      const response = await answer(big, headers);
      expect(response.status).toBe(304);
      expect(Object.fromEntries(response.headers)).toEqual({ "cache-control": CACHE_CONTROL, etag, vary: "accept-encoding" });
      expect(await response.text()).toBe("");
    }
    expect((await answer(big, { "if-none-match": zipTag })).status).toBe(200);
  });
});
