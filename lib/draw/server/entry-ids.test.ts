import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyedHash } from "@/lib/server/crypto/secrets";
import { entryIds } from "./entry-ids";

describe("entryIds", () => {
  it("gives keyedHash's HMAC-SHA-256, for peppers shorter and longer than a block", () => {
    for (const size of [16, 32, 64, 65, 100]) {
      const pepper = randomBytes(size);
      const ids = entryIds(pepper, "2027-03-02");
      for (let i = 0; i < 50; i++) {
        const id = randomUUID();
        expect(ids(id)).toBe(keyedHash(pepper, `puerta-draw-entry:${id}:2027-03-02`).slice(0, 22));
      }
    }
  });

  it("differs from one day to the next and from one pepper to another", () => {
    const pepper = randomBytes(32);
    const id = randomUUID();
    expect(entryIds(pepper, "2027-03-02")(id)).not.toBe(entryIds(pepper, "2027-03-03")(id));
    expect(entryIds(pepper, "2027-03-02")(id)).not.toBe(entryIds(randomBytes(32), "2027-03-02")(id));
  });
});
