import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex, sha256Portable } from "./hash";

const nodeSha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const portableHex = (data: string | Uint8Array) => Buffer.from(sha256Portable(data)).toString("hex");

// Both paths: the native one the server uses and the plain-JavaScript one a browser uses, which
// must give the same bytes for anyone re-checking a draw.
describe.each([
  ["as the server runs it", sha256Hex],
  ["in plain JavaScript, as a browser runs it", portableHex],
])("sha256 %s", (_, hex) => {
  it("matches the FIPS 180-4 test vectors", () => {
    expect(hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("matches node:crypto on every length around the padding boundaries and on random bytes", () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = randomBytes(length);
      expect(hex(bytes)).toBe(nodeSha256(bytes));
    }
    const big = randomBytes(100_003);
    expect(hex(big)).toBe(nodeSha256(big));
  });

  it("hashes strings as UTF-8", () => {
    const text = "Puerta: José, Ольга, محمد, 🙂";
    expect(hex(text)).toBe(nodeSha256(Buffer.from(text, "utf8")));
  });
});
