import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./hash";

const nodeSha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("sha256Hex", () => {
  it("matches the FIPS 180-4 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("matches node:crypto on every length around the padding boundaries and on random bytes", () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = randomBytes(length);
      expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
    }
    const big = randomBytes(100_003);
    expect(sha256Hex(big)).toBe(nodeSha256(big));
  });

  it("hashes strings as UTF-8", () => {
    const text = "Puerta: José, Ольга, محمد, 🙂";
    expect(sha256Hex(text)).toBe(nodeSha256(Buffer.from(text, "utf8")));
  });
});
