/**
 * SHA-256 for the draw, in plain JavaScript.
 *
 * Why not `node:crypto`: the draw must give the same bytes in Node (the server, `npm run
 * draw:verify`) and in a browser (anyone re-checking a published draw), and it must be synchronous
 * because the PRNG hashes once per 8 random words inside a tight loop; `crypto.subtle.digest` is
 * async-only and `node:crypto` does not exist in a browser bundle. The implementation is the
 * FIPS 180-4 algorithm, cross-checked against `node:crypto` in hash.test.ts. Everything hashes
 * through `sha256`, so this file is the only one to touch to swap the implementation.
 */

// Int32Array, not Uint32Array: V8 keeps int32 values as small integers, while uint32 values above
// 2^31 become floating-point numbers and slow every round down.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const encoder = new TextEncoder();
const w = new Int32Array(64); // message schedule, reused: sha256 never re-enters itself

// The PRNG hashes short ASCII strings thousands of times; copying them by hand is faster than
// TextEncoder for those and gives the same bytes. Anything non-ASCII goes to TextEncoder.
function utf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    bytes[i] = code;
  }
  return bytes;
}

// In Node (the server, draw:verify) the native hash gives the same bytes many times faster on the
// multi-megabyte entry lists; looked up at run time, so a browser bundle never sees node:crypto.
type NodeHash = { update: (data: string | Uint8Array) => NodeHash; digest: () => Uint8Array };
type NodeCrypto = {
  createHash: (algorithm: "sha256") => NodeHash;
  /** One-shot (Node 20.12+): several times faster than createHash on the draw's short strings. */
  hash?: (algorithm: "sha256", data: string | Uint8Array, encoding: "hex") => string;
};
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  "node:crypto",
) as NodeCrypto | undefined;

/** SHA-256 of the UTF-8 bytes of a string (or of raw bytes). */
export function sha256(message: string | Uint8Array): Uint8Array {
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHash("sha256").update(message).digest());
  return sha256Portable(message);
}

/** The plain-JavaScript path (browsers), kept identical to the native one by hash.test.ts. */
export function sha256Portable(message: string | Uint8Array): Uint8Array {
  const data = typeof message === "string" ? utf8(message) : message;
  // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian integer, to a multiple of 64.
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);

  const h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(offset + t * 4);
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15], b = w[t - 2];
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
  return out;
}

export function sha256Hex(message: string | Uint8Array): string {
  if (nodeCrypto?.hash) return nodeCrypto.hash("sha256", message, "hex");
  return toHex(sha256(message));
}

/** A SHA-256 fed in pieces: the hash of the pieces' concatenation, as `sha256Hex` gives it. */
export type Sha256Stream = { update(text: string): void; hex(): string };

/**
 * Hashing a multi-megabyte document piece by piece spares building it as one string. In Node the
 * native hash takes each piece as it comes; elsewhere the pieces are joined at the end (the
 * portable function hashes one message), which gives the same bytes.
 */
export function sha256Stream(): Sha256Stream {
  if (nodeCrypto) {
    const hash = nodeCrypto.createHash("sha256");
    return { update: (text) => void hash.update(text), hex: () => toHex(new Uint8Array(hash.digest())) };
  }
  const pieces: string[] = [];
  return { update: (text) => void pieces.push(text), hex: () => toHex(sha256Portable(pieces.join(""))) };
}

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}
