import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/http/client-address";
import { useTestServer } from "../support/api";
import { DELETE as cancelRoute } from "@/app/api/v1/appointments/[code]/route";
import { POST as bookRoute } from "@/app/api/v1/appointments/route";
import { application, traveler } from "../support/fixtures";
import { bookingRequest } from "../support/requests";

useTestServer({ RATE_LIMIT_PER_MINUTE: "5" });

function cancelFrom(address: string, body?: { bytes: number; declared: boolean }) {
  const request = new Request("http://localhost/api/v1/appointments/ABCDE-FGHJK", {
    method: "DELETE",
    headers: {
      [CLIENT_ADDRESS_HEADER]: address,
      authorization: "Bearer x",
      ...(body?.declared && { "content-length": String(body.bytes) }),
    },
    ...(body && { body: new Uint8Array(body.bytes) }),
  });
  return cancelRoute(request, { params: Promise.resolve({ code: "ABCDE-FGHJK" }) });
}

/** A booking as it arrives over HTTP: its length declared (a FormData body in a Request has none yet). */
async function bookFrom(address: string, travelers: number) {
  const built = bookingRequest(application({ travelers: Array.from({ length: travelers }, () => traveler()) }));
  const body = new Uint8Array(await built.arrayBuffer());
  const headers = new Headers(built.headers);
  headers.set("content-length", String(body.length));
  headers.set(CLIENT_ADDRESS_HEADER, address);
  return bookRoute(new Request(built.url, { method: "POST", headers, body }), {});
}

describe("rate limits on writes", () => {
  // One fixed instant mid-minute, so a window boundary cannot fall inside a test.
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T10:00:20Z") }));
  afterEach(() => vi.useRealTimers());

  it("hold a client to its limit per minute, with Retry-After, without touching other clients", async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await cancelFrom("203.0.113.7")).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(404));
    expect(statuses.slice(5)).toEqual(Array(3).fill(429));
    const limited = await cancelFrom("203.0.113.7");
    const body = await limited.json();
    expect(body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await cancelFrom("198.51.100.1")).status).toBe(404);
  });

  it("count concurrent writes exactly", async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => cancelFrom("192.0.2.44").then((r) => r.status)));
    expect(statuses.filter((s) => s === 404)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it("count a large body once per 256 KB it declares, and a body of unknown length as the largest", async () => {
    // 600 KB counts 3 of the 5: a second one is over the limit, a small write still fits.
    expect((await cancelFrom("203.0.113.90", { bytes: 600 * 1024, declared: true })).status).toBe(404);
    expect((await cancelFrom("203.0.113.90", { bytes: 600 * 1024, declared: true })).status).toBe(429);
    expect((await cancelFrom("203.0.113.91", { bytes: 600 * 1024, declared: true })).status).toBe(404);
    expect((await cancelFrom("203.0.113.91")).status).toBe(404);
    expect((await cancelFrom("203.0.113.91")).status).toBe(404);
    expect((await cancelFrom("203.0.113.91")).status).toBe(429);
    // Declaring nothing is no way around the weight.
    expect((await cancelFrom("203.0.113.92", { bytes: 1024, declared: false })).status).toBe(429);
  });

  it("count a booking once per four travelers when that weighs more than its body", async () => {
    // Nine travelers in a small body (no photos: refused as invalid, counted all the same) count 3 of the 5.
    expect((await bookFrom("203.0.113.95", 9)).status).toBe(422);
    expect((await bookFrom("203.0.113.95", 9)).status).toBe(429);
    // A family of four counts once: five fit in the minute.
    const four = [];
    for (let i = 0; i < 6; i++) four.push((await bookFrom("203.0.113.96", 4)).status);
    expect(four).toEqual([422, 422, 422, 422, 422, 429]);
  });

});
