import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as live } from "@/app/api/live/route";
import { GET as ready } from "@/app/api/ready/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { markServing } from "@/lib/lifecycle/server/readiness";
import { installShutdown, repeatUntilShutdown } from "@/lib/lifecycle/server/shutdown";
import type { Database } from "@/lib/server/db/connection";
import { useDatabase } from "@/lib/server/db/database";
import { freshDatabase } from "../support/database";

// The probes an orchestrator and a load balancer use, and the app's part of a shutdown (what
// server.mjs calls on SIGTERM; the HTTP side is tested end to end in tests/e2e/shutdown.spec.ts).

type ShutdownHook = { graceMs: number; begin: () => void; finish: () => Promise<void> };
const shutdownHook = () => (globalThis as { __puertaShutdown?: ShutdownHook }).__puertaShutdown;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: Database;
let closeOnce: () => Promise<void>;

beforeAll(async () => {
  process.env.SHUTDOWN_GRACE_MS = "2500";
  const opened = await freshDatabase();
  let closing: Promise<void> | undefined;
  closeOnce = () => (closing ??= opened.close());
  database = { ...opened, close: closeOnce };
  useDatabase(database);
});
afterAll(() => closeOnce());

async function probe(route: "health" | "live" | "ready") {
  const request = new Request(`http://localhost/api/${route}`);
  const response = route === "health" ? await health(request, {}) : route === "live" ? live() : await ready(request, {});
  return { status: response.status, body: await response.json() };
}

describe("liveness and readiness", () => {
  it("while starting: alive, not ready", async () => {
    expect(await probe("live")).toEqual({ status: 200, body: { status: "ok" } });
    const answer = await probe("ready");
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe("service_unavailable");
  });

  it("once started: ready while the database answers, alive when it does not", async () => {
    markServing();
    expect(await probe("ready")).toEqual({ status: 200, body: { status: "ok" } });

    const gone = await freshDatabase();
    await gone.close();
    useDatabase(gone);
    try {
      expect((await probe("ready")).status).toBe(503);
      expect((await probe("health")).status).toBe(503);
      expect(await probe("live")).toEqual({ status: 200, body: { status: "ok" } });
    } finally {
      useDatabase(database);
    }
    expect((await probe("ready")).status).toBe(200);
  });

  it("are documented beside /api/health", async () => {
    const doc = await (await openapi(new Request("http://localhost/api/v1/openapi.json"), {})).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/live", "/api/ready"]));
    expect(Object.keys(doc.paths["/api/ready"].get.responses)).toEqual(expect.arrayContaining(["200", "503"]));
    expect(Object.keys(doc.paths["/api/live"].get.responses)).toEqual(["200"]);
  });
});

describe("the app's part of a shutdown", () => {
  it("not ready from the signal on; background work stops, a run under way ends, then the database closes", async () => {
    let runs = 0;
    let finished = 0;
    repeatUntilShutdown(20, async () => {
      runs++;
      await pause(300);
      finished++;
    });
    installShutdown();
    const hook = shutdownHook()!;
    expect(hook.graceMs).toBe(2500);
    while (runs === 0) await pause(5);

    hook.begin();
    expect((await probe("ready")).status).toBe(503);
    // Requests in flight are still answered from the open database.
    expect((await probe("health")).status).toBe(200);
    expect(await probe("live")).toEqual({ status: 200, body: { status: "ok" } });
    markServing();
    expect((await probe("ready")).status).toBe(503);

    await hook.finish();
    expect(finished).toBe(runs);
    expect(runs).toBe(1);
    expect((await probe("health")).status).toBe(503);
    expect((await probe("ready")).status).toBe(503);
    expect(await probe("live")).toEqual({ status: 200, body: { status: "ok" } });
    // A second signal's finish closes nothing twice.
    await hook.finish();
  });
});
