import { describe, expect, it } from "vitest";
import { canonicalJson, openResponse, requestFingerprint, sealResponse } from "./idempotency";

describe("stored responses", () => {
  it("open only with the Idempotency-Key they were sealed with", () => {
    const response = { status: 201, body: { secret: "s3cret" } };
    const sealed = sealResponse("key-aaaaaaaaaaaaaaaa", response);
    expect(sealed.includes(Buffer.from("s3cret"))).toBe(false);
    expect(openResponse("key-aaaaaaaaaaaaaaaa", sealed)).toEqual(response);
    expect(() => openResponse("key-bbbbbbbbbbbbbbbb", sealed)).toThrow();
  });
});

describe("request fingerprints", () => {
  it("ignore key order but not content", () => {
    const photo = new Uint8Array([1, 2, 3]);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(requestFingerprint({ a: 1, b: 2 }, [photo])).toBe(requestFingerprint({ b: 2, a: 1 }, [photo]));
    expect(requestFingerprint({ a: 1 }, [photo])).not.toBe(requestFingerprint({ a: 2 }, [photo]));
    expect(requestFingerprint({ a: 1 }, [photo])).not.toBe(requestFingerprint({ a: 1 }, [new Uint8Array([1, 2, 4])]));
  });

  it("serializes any depth without the call stack (a hostile body once overflowed it)", () => {
    const text = "[".repeat(100_000) + "]".repeat(100_000);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
