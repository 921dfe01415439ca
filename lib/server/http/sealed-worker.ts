import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { WORKER_ROLE } from "./sealed-slices.mjs";

/**
 * One worker thread per process that opens sealed bodies far larger than any the app sends
 * (sealed-decrypt.ts decides which), at a low priority (sealed-slices.mjs): decoding and decrypting
 * a body at the size limit is tens of milliseconds of CPU that, on the main thread, every booking
 * in the process would wait behind, a slice at a time. One thread, bodies in the order they came:
 * the memory budget already bounds how many such bodies are held at once.
 *
 * The worker runs sealed-slices.mjs as it is on disk, beside this file in the source tree, found
 * from the working directory (server.mjs and the tests run from the project's root; Next.js
 * bundles this file, so its own location says nothing). If it is not there or the thread fails,
 * the caller opens the body on the main thread as before: a worker's trouble never turns a
 * phone's application into an unreadable one, which the outbox would give up on.
 */

type SliceParameters = { key: Uint8Array; iv: Uint8Array; tag: Uint8Array; aad: string };

const WORKER_FILE = path.join(process.cwd(), "lib", "server", "http", "sealed-slices.mjs");
/** After this many failed threads the process stops trying and opens everything itself. */
const MAX_FAILURES = 3;

/** `undefined`: the worker could not do it; open the body on the main thread. */
type Settle = (plaintext: Uint8Array | null | undefined) => void;
type State = { worker: Worker | null; pending: Map<number, Settle>; nextId: number; failures: number };
// On globalThis: Next.js may load this module once per route bundle; one thread per process.
const holder = globalThis as typeof globalThis & { __puertaSealedWorker?: State };
const state = (holder.__puertaSealedWorker ??= { worker: null, pending: new Map(), nextId: 0, failures: 0 });

/**
 * Opens `ciphertext` (the base64url text's bytes) in the worker: the plaintext, null when it does
 * not open, or undefined when the worker is unavailable (the caller then opens it itself).
 */
export function decryptInWorker(ciphertext: Uint8Array, parameters: SliceParameters): Promise<Uint8Array | null | undefined> {
  const worker = currentWorker();
  if (worker === null) return Promise.resolve(undefined);
  const id = state.nextId++;
  // A copy of exactly the ciphertext, handed over without a second copy (a view would send the
  // whole sealed body's buffer).
  const copy = new Uint8Array(ciphertext);
  return new Promise((resolve) => {
    state.pending.set(id, resolve);
    worker.postMessage({ id, ciphertext: copy, parameters }, [copy.buffer]);
  });
}

function currentWorker(): Worker | null {
  if (state.worker) return state.worker;
  if (state.failures >= MAX_FAILURES || !existsSync(WORKER_FILE)) return null;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_FILE, { workerData: WORKER_ROLE });
  } catch {
    state.failures++;
    return null;
  }
  // An idle worker never keeps the process (or a test run) alive.
  worker.unref();
  worker.on("message", ({ id, plaintext }: { id: number; plaintext: Uint8Array | null }) => {
    const settle = state.pending.get(id);
    state.pending.delete(id);
    settle?.(plaintext);
  });
  const gone = () => {
    if (state.worker !== worker) return;
    state.worker = null;
    state.failures++;
    // What it was given goes back to the main thread.
    for (const settle of state.pending.values()) settle(undefined);
    state.pending.clear();
  };
  worker.on("error", gone);
  worker.on("exit", gone);
  state.worker = worker;
  return worker;
}
