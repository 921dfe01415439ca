import "fake-indexeddb/auto";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listAppointments } from "@/lib/scheduling/client/appointment-store";
import { emptyDraft, newTraveler, type Draft } from "@/lib/scheduling/client/draft";
import { draftStatus, loadDraft, loadPhoto, saveDraft, savePhoto } from "@/lib/scheduling/client/draft-store";
import { handlers, OTHER_SLOT, PORT, SLOT } from "@/tests/mocks/handlers";
import { sealedApi } from "@/tests/mocks/sealed";
import { deliverOutbox, waitingCount } from "./deliver";
import { eraseEverything } from "./erase";
import { getEntry, listOutbox } from "./outbox";
import { queueApplication } from "./queue-application";
import { restoreToDraft } from "./restore";
import { refreshSealingKey } from "./server-key";

// The outbox in Node: IndexedDB from fake-indexeddb, WebCrypto from Node, the API from the
// contract's MSW handlers, which open sealed bodies with a key of their own.
const BASE = "http://puerta.test";
const api = await sealedApi();
const server = setupServer(...api.handlers, ...handlers);
const fetchApi: typeof fetch = (input, init) => fetch(new URL(String(input), BASE), init);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(async () => {
  await eraseEverything();
  // The first online visit keeps the server's public key on the phone.
  await refreshSealingKey(fetchApi);
  api.received.length = 0;
});

const NAME = "Wilnise Jean-Baptiste";

function draftFor(slotId = SLOT.id): Draft {
  const traveler = { ...newTraveler("t1", "ht"), givenNames: "Wilnise", familyNames: "Jean-Baptiste", dateOfBirth: { day: "4", month: "7", year: "1991" }, sex: "F" as const, nationality: "HTI", countryOfBirth: "HTI" };
  return { ...emptyDraft(), attestations: ["a"], travelers: [traveler], portId: PORT.id, port: PORT, slot: { id: slotId, start: SLOT.start, end: SLOT.end } };
}

async function queue(slotId = SLOT.id) {
  const draft = draftFor(slotId);
  await saveDraft(draft);
  const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: "image/jpeg" });
  await savePhoto("t1", photo);
  const entry = await queueApplication({ draft, photos: [{ travelerId: "t1", photo }], port: PORT, locale: "ht", idempotencyKey: `key-${slotId}-0123456789` });
  expect(entry).not.toBeNull();
  return entry!;
}

/** Every record of every store, as raw text: what someone copying the phone's storage would get. */
async function rawStores(): Promise<string> {
  const out: string[] = [];
  const text = (v: unknown): string =>
    v instanceof ArrayBuffer ? Buffer.from(v).toString("latin1")
    : ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("latin1")
    : v && typeof v === "object" ? Object.values(v).map(text).join(" ")
    : String(v);
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open(name!);
      open.onsuccess = () => resolve(open.result);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
      });
      out.push(values.map(text).join(" "));
    }
    db.close();
  }
  return out.join("\n");
}

describe("the draft on the device", () => {
  it("is stored encrypted and read back whole", async () => {
    await saveDraft(draftFor());
    await savePhoto("t1", new Blob(["Wilnise's face"], { type: "image/jpeg" }));
    const raw = await rawStores();
    expect(raw).not.toContain("Wilnise");
    expect(raw).not.toContain("Jean-Baptiste");
    expect((await loadDraft()).travelers[0].givenNames).toBe("Wilnise");
    expect(await (await loadPhoto("t1"))!.text()).toBe("Wilnise's face");
  });

  it("expires unsent after 30 days, with a warning in the last days", async () => {
    const day = 86_400_000;
    const savedAt = Date.now();
    await saveDraft(draftFor());
    await savePhoto("t1", new Blob(["face"], { type: "image/jpeg" }));
    expect(await draftStatus(savedAt + 20 * day)).toMatchObject({ warn: false, expired: false });
    expect(await draftStatus(savedAt + 28 * day)).toMatchObject({ warn: true, expired: false });
    vi.useFakeTimers({ toFake: ["Date"], now: savedAt + 31 * day });
    try {
      expect((await loadDraft()).travelers).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
    expect(await loadPhoto("t1")).toBeNull();
    expect(await draftStatus()).toBeNull();
  });

  it("cannot be read once the device key is erased", async () => {
    await saveDraft(draftFor());
    await eraseEverything();
    expect((await loadDraft()).travelers).toEqual([]);
  });
});

describe("the outbox", () => {
  it("queues a sealed application, removes the editable draft, and keeps no name readable", async () => {
    const entry = await queue();
    expect(entry.state).toBe("waiting");
    expect(entry.jwe!.split(".")).toHaveLength(5);
    expect((await loadDraft()).travelers).toEqual([]);
    expect(await loadPhoto("t1")).toBeNull();
    const raw = await rawStores();
    for (const word of NAME.split(/[ -]/)) expect(raw).not.toContain(word);
  });

  it("delivers once, with the sealed body and the key, and keeps only the confirmation card", async () => {
    const entry = await queue();
    expect(await deliverOutbox({ fetchImpl: fetchApi })).toBe(1);
    expect(api.received).toHaveLength(1);
    expect(api.received[0]).toMatchObject({ idempotencyKey: entry.id, application: { portId: PORT.id, slotId: SLOT.id, locale: "ht" }, photos: 1 });
    expect(api.received[0].contentType).toMatch(/^multipart\/form-data; boundary=/);
    const sent = (await getEntry(entry.id))!;
    expect(sent).toMatchObject({ state: "sent", code: "ABCDE-FGHJK" });
    expect(sent.jwe).toBeUndefined();
    expect(sent.restore).toBeUndefined();
    const [card] = await listAppointments();
    expect(card).toMatchObject({ appointment: { code: "ABCDE-FGHJK" }, port: { id: PORT.id } });
    expect(card.record!.travelers[0].name).toBe(NAME);
    // Nothing left to send: another round sends nothing.
    expect(await deliverOutbox({ fetchImpl: fetchApi, force: true })).toBe(0);
    expect(api.received).toHaveLength(1);
    // A day later even the sent entry is gone; the card stays.
    await deliverOutbox({ fetchImpl: fetchApi, now: () => Date.now() + 25 * 60 * 60_000 });
    expect(await getEntry(entry.id)).toBeUndefined();
    expect(await listAppointments()).toHaveLength(1);
  });

  it("two deliveries at once send each application once", async () => {
    await queue();
    const [a, b] = await Promise.all([deliverOutbox({ fetchImpl: fetchApi }), deliverOutbox({ fetchImpl: fetchApi })]);
    expect(a + b).toBe(1);
    expect(api.received).toHaveLength(1);
  });

  it("with no connection waits with backoff, keeps the same body, and goes when asked again", async () => {
    const entry = await queue();
    let now = 1_000_000;
    server.use(http.post("*/api/v1/appointments", () => HttpResponse.error()));
    expect(await deliverOutbox({ fetchImpl: fetchApi, now: () => now })).toBe(0);
    const waiting = (await getEntry(entry.id))!;
    expect(waiting).toMatchObject({ state: "waiting", attempts: 1 });
    expect(waiting.nextAttemptAt - now).toBeGreaterThanOrEqual(4_000);
    expect(waiting.nextAttemptAt - now).toBeLessThanOrEqual(6_000);
    expect(waiting.jwe).toBe(entry.jwe);
    expect(await waitingCount()).toBe(1);

    server.resetHandlers();
    // Before its time, a round leaves it alone; after, it goes.
    expect(await deliverOutbox({ fetchImpl: fetchApi, now: () => now })).toBe(0);
    now = waiting.nextAttemptAt;
    expect(await deliverOutbox({ fetchImpl: fetchApi, now: () => now })).toBe(1);
    expect(await waitingCount()).toBe(0);
  });

  it("honours Retry-After when the server is busy", async () => {
    const entry = await queue();
    server.use(http.post("*/api/v1/appointments", () => HttpResponse.json({ error: { code: "rate_limited" } }, { status: 429, headers: { "retry-after": "90" } })));
    await deliverOutbox({ fetchImpl: fetchApi, now: () => 0 });
    expect((await getEntry(entry.id))!.nextAttemptAt).toBeGreaterThanOrEqual(90_000);
  });

  it("a time taken meanwhile needs the person: the answers come back with the alternatives", async () => {
    const entry = await queue("full");
    await deliverOutbox({ fetchImpl: fetchApi });
    const refused = (await getEntry(entry.id))!;
    expect(refused).toMatchObject({ state: "needs_attention", failure: { code: "slot_full", alternatives: [OTHER_SLOT] } });

    expect(await restoreToDraft(entry.id)).toBe("restored");
    const draft = await loadDraft();
    expect(draft.travelers[0].givenNames).toBe("Wilnise");
    expect(draft.failure).toMatchObject({ code: "slot_full" });
    expect(draft.idempotencyKey).toBeNull();
    expect(await loadPhoto("t1")).not.toBeNull();
    expect(await listOutbox()).toEqual([]);
  });

  it("never overwrites a draft under way when giving answers back", async () => {
    const entry = await queue("full");
    await deliverOutbox({ fetchImpl: fetchApi });
    await saveDraft({ ...emptyDraft(), attestations: ["a"] });
    expect(await restoreToDraft(entry.id)).toBe("draft_in_progress");
    expect(await getEntry(entry.id)).toBeDefined();
  });

  it("erase everything leaves nothing: no draft, no outbox, no appointments", async () => {
    await queue();
    await deliverOutbox({ fetchImpl: fetchApi });
    await queue("full");
    await eraseEverything();
    expect(await listOutbox()).toEqual([]);
    expect(await listAppointments()).toEqual([]);
    expect(await rawStores()).not.toContain("ABCDE");
  });
});
