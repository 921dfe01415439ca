import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as availabilityRoute } from "@/app/api/v1/ports/[portId]/availability/route";
import { slotsBetween } from "@/lib/scheduling/server/data/slots";
import { slots } from "@/lib/server/db/schema";
import { addDays, localDate } from "@/lib/shared/time/dates";
import { useTestServer } from "../support/api";
import { application } from "../support/fixtures";
import { book } from "../support/requests";

// Every read of a range's slots is counted: the database query itself, the real one, wrapped.
vi.mock("@/lib/scheduling/server/data/slots", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/scheduling/server/data/slots")>();
  return { ...original, slotsBetween: vi.fn(original.slotsBetween) };
});

const server = useTestServer();
const reads = vi.mocked(slotsBetween);

afterEach(() => {
  vi.useRealTimers();
});

const CACHE_CONTROL = "public, max-age=2, s-maxage=1, stale-while-revalidate=3";

/** The port's own date `days` from today: the range a phone there asks for. */
const day = (days: number, timeZone = "America/Los_Angeles") => addDays(localDate(new Date(), timeZone), days);

async function ask(portId: string, from: string, to: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost:3000/api/v1/ports/${portId}/availability?from=${from}&to=${to}`, { headers });
  const response = await availabilityRoute(request, { params: Promise.resolve({ portId }) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
}

const readsOf = (portId: string, from: string, to: string) =>
  reads.mock.calls.filter(([port, f, t]) => port === portId && f === from && t === to).length;

const sha256Tag = (bytes: Uint8Array) => `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 22)}"`;

describe("availability as a crowd reads it", () => {
  it("answers with a strong ETag of the body's bytes and a short public Cache-Control, the same in every language", async () => {
    const [from, to] = [day(1), day(14)];
    const es = await ask("san-ysidro", from, to, { "accept-language": "es" });
    expect(es.status).toBe(200);
    expect(es.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(es.headers.get("cache-control")).toBe(CACHE_CONTROL);
    expect(es.headers.get("etag")).toBe(sha256Tag(es.bytes));
    expect(es.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Only the coding depends on a request header: the language does not split the caches.
    expect(es.headers.get("vary")).toBe("accept-encoding");
    const body = JSON.parse(es.text);
    expect(body.days).toHaveLength(14);
    expect(body.days[0].slots.length).toBeGreaterThan(0);

    const ar = await ask("san-ysidro", from, to, { "accept-language": "ar" });
    expect(ar.headers.get("etag")).toBe(es.headers.get("etag"));
    expect(ar.text).toBe(es.text);
  });

  it("sends the plain bytes through Next.js even to a client that accepts gzip (Next.js compresses; server.mjs sends the copy made once)", async () => {
    const [from, to] = [day(1), day(10)];
    const plain = await ask("calexico", from, to);
    const asked = await ask("calexico", from, to, { "accept-encoding": "gzip, deflate, br" });
    expect(asked.headers.get("content-encoding")).toBeNull();
    expect(asked.headers.get("etag")).toBe(plain.headers.get("etag"));
    expect(asked.text).toBe(plain.text);
  });

  it("answers 304 without a body when If-None-Match names the current ETag (lists, weak tags, *), with ETag and Cache-Control", async () => {
    const [from, to] = [day(2), day(8)];
    const first = await ask("el-paso", from, to);
    const etag = first.headers.get("etag")!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`, `"a",W/${etag}`, "*"]) {
      const again = await ask("el-paso", from, to, { "if-none-match": ifNoneMatch });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.bytes).toHaveLength(0);
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("cache-control")).toBe(CACHE_CONTROL);
      expect(again.headers.get("content-type")).toBeNull();
    }
    for (const ifNoneMatch of ['"stale"', `"${etag}"`, etag.slice(1, -1), `W/"x", "y"`]) {
      const full = await ask("el-paso", from, to, { "if-none-match": ifNoneMatch });
      expect(full.status, ifNoneMatch).toBe(200);
      expect(full.text).toBe(first.text);
    }
  });

  it("computes once for a crowd asking at the same moment: one database read, one body for all", async () => {
    const [from, to] = [day(3), day(9)];
    const before = readsOf("laredo", from, to);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => ask("laredo", from, to, i % 2 ? {} : { "accept-language": "fr" })));
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(new Set(answers.map((a) => a.headers.get("etag"))).size).toBe(1);
    expect(readsOf("laredo", from, to) - before).toBe(1);
  });

  it("reuses an answer for a second after it was computed, then reads again; same seats, same ETag", async () => {
    const [from, to] = [day(4), day(6)];
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const start = Date.now();
    const first = await ask("nogales", from, to);
    expect(readsOf("nogales", from, to)).toBe(1);
    vi.setSystemTime(start + 999);
    expect((await ask("nogales", from, to)).headers.get("etag")).toBe(first.headers.get("etag"));
    expect(readsOf("nogales", from, to)).toBe(1);

    vi.setSystemTime(start + 1000);
    const recomputed = await ask("nogales", from, to);
    expect(readsOf("nogales", from, to)).toBe(2);
    // Another computation (as another instance would make): the same bytes, so the same ETag.
    expect(recomputed.headers.get("etag")).toBe(first.headers.get("etag"));

    // A seat taken shows after the next second, with a new ETag; the old one gets the full answer.
    await book(application({ portId: "nogales", slotId: JSON.parse(first.text).days[0].slots.at(-1).id }));
    vi.setSystemTime(start + 2000);
    const moved = await ask("nogales", from, to, { "if-none-match": first.headers.get("etag")! });
    expect(moved.status).toBe(200);
    expect(moved.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(readsOf("nogales", from, to)).toBe(3);
  });

  it("keeps errors as they were: 404 and 400 with no-store, no ETag, never remembered", async () => {
    for (let i = 0; i < 2; i++) {
      const unknown = await ask("tijuana", day(1), day(2), { "accept-language": "es" });
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.text).error.code).toBe("port_not_found");
      expect(unknown.headers.get("cache-control")).toBe("no-store");
      expect(unknown.headers.get("etag")).toBeNull();
    }
    for (const [from, to] of [[day(5), day(4)], [day(1), day(32)], ["2026-02-30", day(1)]]) {
      const refused = await ask("el-paso", from, to, { "if-none-match": "*" });
      expect(refused.status, `${from}..${to}`).toBe(400);
      expect(JSON.parse(refused.text).error.code).toBe("invalid_range");
      expect(refused.headers.get("cache-control")).toBe("no-store");
      expect(refused.headers.get("etag")).toBeNull();
    }
  });

  it("a seat shown free that went meanwhile: the booking is refused with slot_full and alternatives", async () => {
    const date = day(10, "America/Chicago");
    const seen = await ask("brownsville", date, date);
    const slot = JSON.parse(seen.text).days[0].slots.find((s: { remaining: number }) => s.remaining > 0);
    // Booked to the last seat elsewhere (another instance, another phone) after the answer was made.
    const db = await server.db();
    await db.update(slots).set({ booked: sql`${slots.capacity}` }).where(eq(slots.id, slot.id));

    // Within the second, this instance still shows it free: the view is stale, by design.
    const stale = await ask("brownsville", date, date);
    expect(stale.text).toBe(seen.text);
    expect(JSON.parse(stale.text).days[0].slots.find((s: { id: string }) => s.id === slot.id).remaining).toBeGreaterThan(0);

    const refused = await book(application({ portId: "brownsville", slotId: slot.id }));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("slot_full");
    const alternatives: { id: string; remaining: number }[] = refused.body.error.alternatives;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((s) => s.id !== slot.id && s.remaining >= 1)).toBe(true);
    const [row] = await db.select().from(slots).where(eq(slots.id, slot.id));
    expect(row.booked).toBe(row.capacity);
  });
});
