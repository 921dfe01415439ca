import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as availabilityRoute } from "@/app/api/v1/ports/[portId]/availability/route";
import { answerAtEdge } from "@/lib/server/http/edge-answers.mjs";
import { API_CSP, COMMON_HEADERS } from "@/lib/server/http/security-headers.mjs";
import { addDays, localDate } from "@/lib/shared/time/dates";
import { useTestServer } from "../support/api";

useTestServer();

// server.mjs in miniature: the edge first, and what it leaves is answered 404 here (Next.js there).
const edge = createServer((request, response) => {
  if (!answerAtEdge(request, response)) response.writeHead(404).end();
});
let base = "";
beforeAll(async () => {
  // The memo holds an answer for a second; a clock that stands still keeps these tests from
  // depending on how busy the machine is between the route's answer and the edge's.
  vi.useFakeTimers({ toFake: ["Date"] });
  await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.useRealTimers();
  await new Promise<void>((resolve) => edge.close(() => resolve()));
});

const day = (days: number) => addDays(localDate(new Date(), "America/Los_Angeles"), days);
const path = (portId: string, from: string, to: string) => `/api/v1/ports/${portId}/availability?from=${from}&to=${to}`;

async function viaRoute(url: string, portId: string, headers: Record<string, string> = {}) {
  const response = await availabilityRoute(new Request(`http://localhost${url}`, { headers }), { params: Promise.resolve({ portId }) });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function viaEdge(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    httpRequest(`${base}${url}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("availability answered before Next.js", () => {
  it("sends what the route holds, byte for byte, with the route's headers and every API security header", async () => {
    const url = path("san-ysidro", day(1), day(14));
    const routed = await viaRoute(url, "san-ysidro");
    const edged = await viaEdge(url);
    expect(edged.status).toBe(200);
    expect(edged.body.equals(routed.body)).toBe(true);
    for (const name of ["etag", "cache-control", "vary", "content-type"]) expect(edged.headers[name], name).toBe(routed.headers.get(name));
    for (const { key, value } of COMMON_HEADERS) expect(edged.headers[key.toLowerCase()], key).toBe(value);
    expect(edged.headers["content-security-policy"]).toBe(API_CSP);
    expect(edged.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends the gzip copy once it is made (the first ask takes the full path and starts it), and 304 to its ETag", async () => {
    const url = path("san-ysidro", day(2), day(15));
    const routed = await viaRoute(url, "san-ysidro", { "accept-encoding": "gzip" });
    expect((await viaEdge(url, { "accept-encoding": "gzip" })).status).toBe(404);
    let gz = await viaEdge(url, { "accept-encoding": "gzip, deflate, br" });
    for (let tries = 0; gz.status === 404 && tries < 100; tries++) gz = await viaEdge(url, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.etag).not.toBe(routed.headers.get("etag"));
    expect(gunzipSync(gz.body).equals(routed.body)).toBe(true);
    const again = await viaEdge(url, { "accept-encoding": "gzip", "if-none-match": gz.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(gz.headers.etag);
  });

  it("leaves to Next.js what the route does not hold: another range, port or method, or any other URL form", async () => {
    await viaRoute(path("san-ysidro", day(3), day(16)), "san-ysidro");
    expect((await viaEdge(path("san-ysidro", day(3), day(16)))).status).toBe(200);
    for (const url of [
      path("san-ysidro", day(4), day(17)),
      path("el-paso", day(3), day(16)),
      `/api/v1/ports/san-ysidro/availability?to=${day(16)}&from=${day(3)}`,
      `${path("san-ysidro", day(3), day(16))}&x=1`,
      path("San-Ysidro", day(3), day(16)),
      "/api/health",
    ]) {
      expect((await viaEdge(url)).status, url).toBe(404);
    }
  });

  it("does not hold an error: an unknown port is never answered here", async () => {
    const url = path("atlantis", day(1), day(14));
    expect((await viaRoute(url, "atlantis")).status).toBe(404);
    expect((await viaEdge(url)).status).toBe(404);
    expect((await viaEdge(url)).body.length).toBe(0);
  });
});
