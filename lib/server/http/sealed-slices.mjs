// Plain JavaScript: besides being imported by sealed-decrypt.ts (bundled by Next.js), this file is
// the entry of the worker thread that opens abuse-sized sealed bodies, which Node loads as it is.
import { createDecipheriv } from "node:crypto";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { isMainThread, parentPort, workerData } from "node:worker_threads";

/** Characters of ciphertext decoded at once: a multiple of 4, about 6 ms of work. */
const SLICE_CHARS = 1024 * 1024;
const TAG_BYTES = 16;

/** What the worker is started with, so that this module serves only when it is that worker. */
export const WORKER_ROLE = "puerta-sealed-decrypt";

/**
 * The niceness of the worker's thread: CPU goes to it only when the process's main thread (the
 * bookings) and the database do not need it (Linux weighs a nice-10 thread at about a tenth of a
 * nice-0 one). Nothing of a booking the app sends waits on it: only bodies far larger than the
 * app's are opened there (sealed-decrypt.ts).
 */
const WORKER_NICENESS = 10;

/**
 * Decodes the base64url `ciphertext` (the bytes of its text) and decrypts it with AES-256-GCM, a
 * slice at a time, yielding between slices so that a caller on the main thread can let other
 * requests run. Returns the plaintext, or null when anything does not open (a character that is
 * not base64url, a tag that does not match).
 * @param {Uint8Array} ciphertext
 * @param {{ key: Uint8Array, iv: Uint8Array, tag: Uint8Array, aad: string }} parameters
 * @returns {Generator<void, Uint8Array | null, void>}
 */
export function* decryptA256GcmSlices(ciphertext, { key, iv, tag, aad }) {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    // The additional data is the protected header exactly as sent, so the header is authenticated too.
    decipher.setAAD(Buffer.from(aad, "ascii"));
    decipher.setAuthTag(tag);
    // Unpooled: the worker hands its ArrayBuffer back to the main thread without a copy.
    const plaintext = Buffer.allocUnsafeSlow(Math.floor((ciphertext.length * 3) / 4));
    let written = 0;
    for (let at = 0; at < ciphertext.length; at += SLICE_CHARS) {
      if (at > 0) yield;
      const text = Buffer.from(ciphertext.buffer, ciphertext.byteOffset + at, Math.min(SLICE_CHARS, ciphertext.length - at)).toString("latin1");
      // Node's decoder skips what is not base64url; the compact form allows nothing else.
      if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
      written += decipher.update(Buffer.from(text, "base64url")).copy(plaintext, written);
    }
    written += decipher.final().copy(plaintext, written);
    return new Uint8Array(plaintext.buffer, plaintext.byteOffset, written);
  } catch {
    return null;
  }
}

/** The worker: opens each body it is sent, in the order sent, and posts the plaintext back. */
function serve() {
  lowerPriority();
  parentPort?.on("message", ({ id, ciphertext, parameters }) => {
    const slices = decryptA256GcmSlices(ciphertext, parameters);
    let step = slices.next();
    while (!step.done) step = slices.next();
    const plaintext = step.value;
    parentPort?.postMessage({ id, plaintext }, plaintext ? [plaintext.buffer] : []);
  });
}

/** Lowers this thread's priority (Linux: a thread's id is a pid to setpriority); elsewhere, nothing. */
function lowerPriority() {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId)) setPriority(threadId, WORKER_NICENESS);
  } catch {
    // Not Linux, or no /proc: the worker still keeps the work off the main thread.
  }
}

if (!isMainThread && workerData === WORKER_ROLE) serve();
