import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { eraseOutbox, putEntry, type OutboxEntry } from "./outbox";
import { outboxHasEntries } from "./outbox-peek";

const databases = async () => (await indexedDB.databases()).map((d) => d.name);

describe("outboxHasEntries", () => {
  it("says no without creating the outbox's database, which the outbox then creates whole", async () => {
    expect(await outboxHasEntries()).toBe(false);
    expect(await databases()).not.toContain("puerta-outbox");

    const entry = { id: "k1", state: "waiting", locale: "es", queuedAt: 0, attempts: 0, nextAttemptAt: 0 } as unknown as OutboxEntry;
    await putEntry(entry);
    expect(await outboxHasEntries()).toBe(true);

    await eraseOutbox();
    expect(await outboxHasEntries()).toBe(false);
  });
});
