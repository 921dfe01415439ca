import "client-only";
import { createStore, del, get, set, update, values, clear, type UseStore } from "idb-keyval";
import type { ApiFailure } from "@/lib/scheduling/client/api-client";
import type { Sealed, SealedBlob } from "@/lib/client/device/device-crypto";

/**
 * Applications waiting to reach the server. Each is sealed to the server's public key (a JWE the
 * phone itself cannot open) and sent with the Idempotency-Key it was given when the person first
 * pressed Send, so any number of retries, from any tab or the service worker, books once.
 *
 * What else an entry holds is either not about a person (port name, number of travelers, state)
 * or encrypted under the device key: the answers, kept only to give them back when the server
 * asks the person to change something (a slot taken meanwhile, a field refused).
 */
type OutboxState = "waiting" | "sending" | "needs_attention" | "sent";

export type OutboxFailure = ApiFailure;

export type OutboxEntry = {
  /** The Idempotency-Key: one per application as sent. */
  id: string;
  state: OutboxState;
  locale: string;
  queuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Shown in the list of applications: nothing here identifies a person. */
  summary: { portName: string; travelerCount: number; slot: { start: string; end: string } | null; timeZone: string; draw: boolean };
  /** The application sealed to the server (absent once sent). */
  jwe?: string;
  /** The answers and photos under the device key, for "needs your attention" (absent once sent). */
  restore?: { draft: Sealed; photos: { travelerId: string; photo: SealedBlob }[] };
  /** What the confirmation card keeps (port, masked record), under the device key. */
  card?: Sealed;
  failure?: OutboxFailure;
  /** The appointment code once sent. */
  code?: string;
};

let store: UseStore | undefined;
const db = () => (store ??= createStore("puerta-outbox", "outbox"));

/** Every tab and the service worker hear about each change, so states on screen stay true. */
const CHANNEL = "puerta-outbox";

function announce() {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage("changed");
  channel.close();
}

export function onOutboxChange(listener: () => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = listener;
  return () => channel.close();
}

export async function listOutbox(): Promise<OutboxEntry[]> {
  return (await values<OutboxEntry | undefined>(db())).filter((e): e is OutboxEntry => !!e).sort((a, b) => b.queuedAt - a.queuedAt);
}

export const getEntry = (id: string) => get<OutboxEntry>(id, db());

export async function putEntry(entry: OutboxEntry): Promise<void> {
  await set(entry.id, entry, db());
  announce();
}

/** Changes one entry in a single IndexedDB transaction (no WebCrypto inside, so none is needed). */
export async function changeEntry(id: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry | undefined> {
  if (!(await getEntry(id))) return undefined;
  let changed: OutboxEntry | undefined;
  await update<OutboxEntry | undefined>(id, (entry) => (changed = entry && change(entry)), db());
  announce();
  return changed;
}

export async function removeEntry(id: string): Promise<void> {
  await del(id, db());
  announce();
}

export async function eraseOutbox(): Promise<void> {
  await clear(db());
  announce();
}
