import "client-only";
import type { z } from "zod";
import type { portSchema } from "@/lib/shared/schemas/responses";
import { saveAppointment, type SavedAppointment } from "@/lib/scheduling/client/appointment-store";
import { decryptJson } from "@/lib/client/device/device-crypto";
import { changeEntry, listOutbox, removeEntry, type OutboxEntry, type OutboxFailure } from "./outbox";

/**
 * Sends what waits in the outbox: from the open app (on opening, on regaining a connection, with
 * backoff), and from the service worker on a Background Sync. Only one context delivers at a time
 * (a Web Lock), and each entry always goes with the same sealed body and Idempotency-Key, so a send
 * cut off midway and retried, or raced by another tab, still makes one appointment.
 */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;
const SENT_KEPT_MS = 24 * 60 * 60_000;
/** Answers that mean "try again later"; any other refusal needs the person. */
const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

type Port = z.infer<typeof portSchema>;
type Outcome = { kind: "sent"; appointment: SavedAppointment["appointment"]; secret: string } | { kind: "retry"; afterMs?: number } | { kind: "refused"; failure: OutboxFailure };

type ServerAnswer = {
  appointment?: SavedAppointment["appointment"];
  secret?: unknown;
  error?: { code?: unknown; issues?: unknown; alternatives?: unknown };
};
export type DeliveryOptions = { force?: boolean; fetchImpl?: typeof fetch; now?: () => number };

/** The API's address: relative in the app, absolute where tests run outside a page. */
const ENDPOINT = "/api/v1/appointments";

let deliveringHere = false;

/** Resolves to the number of entries sent in this round. */
export async function deliverOutbox(options: DeliveryOptions = {}): Promise<number> {
  const run = () => deliverAll(options);
  if (typeof navigator !== "undefined" && navigator.locks) {
    // Another tab or the service worker is already delivering: it will send everything.
    return navigator.locks.request("puerta-outbox-delivery", { ifAvailable: true }, (lock) => (lock ? run() : 0));
  }
  // Without Web Locks, at least this context never delivers twice at once.
  if (deliveringHere) return 0;
  deliveringHere = true;
  try {
    return await run();
  } finally {
    deliveringHere = false;
  }
}

/** How many applications still wait to go (a Background Sync asks to be tried again while any do). */
export async function waitingCount(): Promise<number> {
  return (await listOutbox()).filter((e) => e.state === "waiting" || e.state === "sending").length;
}

async function deliverAll({ force = false, fetchImpl = fetch, now = Date.now }: DeliveryOptions): Promise<number> {
  let sent = 0;
  for (const entry of await listOutbox()) {
    // A sent entry only bridges "queued" to the confirmation card; after a day it has no use.
    if (entry.state === "sent" && now() - entry.queuedAt > SENT_KEPT_MS) await removeEntry(entry.id);
    // "sending" found here was cut off (a closed tab, a killed worker): the lock says nobody else sends.
    if (entry.state !== "waiting" && entry.state !== "sending") continue;
    if (!force && entry.nextAttemptAt > now()) continue;
    if (!entry.jwe) continue;
    await changeEntry(entry.id, (e) => ({ ...e, state: "sending" }));
    const outcome = await post(entry, fetchImpl);
    if (outcome.kind === "sent") {
      await keepConfirmation(entry, outcome);
      sent += 1;
    } else if (outcome.kind === "retry") {
      const attempts = entry.attempts + 1;
      const backoff = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
      await changeEntry(entry.id, (e) => ({ ...e, state: "waiting", attempts, nextAttemptAt: now() + Math.max(backoff, outcome.afterMs ?? 0) }));
      // The network is down for everyone: the rest would fail the same way.
      if (outcome.afterMs === undefined) break;
    } else {
      await changeEntry(entry.id, (e) => ({ ...e, state: "needs_attention", failure: outcome.failure, attempts: e.attempts + 1 }));
    }
  }
  return sent;
}

async function post(entry: OutboxEntry, fetchImpl: typeof fetch): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetchImpl(ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/jose", "idempotency-key": entry.id, "accept-language": entry.locale },
      body: entry.jwe,
      signal: AbortSignal.timeout(120_000),
    });
  } catch {
    return { kind: "retry" };
  }
  // Read as the contract describes it; each field is checked before it is used.
  const body = (await response.json().catch(() => null)) as ServerAnswer | null;
  if (response.ok) {
    const appointment = body?.appointment;
    if (typeof appointment?.code === "string" && typeof body?.secret === "string") return { kind: "sent", appointment, secret: body.secret };
    return { kind: "retry", afterMs: RETRY_FIRST_MS };
  }
  if (TRANSIENT.has(response.status)) {
    const retryAfter = Number(response.headers.get("retry-after"));
    return { kind: "retry", afterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : RETRY_FIRST_MS };
  }
  const error = body?.error;
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return { kind: "refused", failure: { code: typeof error?.code === "string" ? error.code : "internal_error", issues: list(error?.issues), alternatives: list(error?.alternatives) } };
}

/** After a confirmation only the confirmation card stays: the sealed body and the answers go. */
async function keepConfirmation(entry: OutboxEntry, outcome: Extract<Outcome, { kind: "sent" }>) {
  const card = entry.card ? await decryptJson<{ port: Port; record: SavedAppointment["record"] }>(entry.card).catch(() => null) : null;
  if (card) {
    await saveAppointment({ appointment: outcome.appointment, secret: outcome.secret, port: card.port, record: card.record, savedAt: new Date().toISOString() });
  }
  await changeEntry(entry.id, ({ jwe: _jwe, restore: _restore, card: _card, failure: _failure, ...rest }) => ({ ...rest, state: "sent", code: outcome.appointment.code }));
}
