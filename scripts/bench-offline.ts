/**
 * npm run bench:offline — what a first visit costs, per language, until the app works offline:
 * the bytes it transfers (headers and compressed bodies, on the wire), what is then stored on the
 * phone for offline use (Cache Storage and IndexedDB), and the time from opening the start page
 * to offline-ready (the service worker controls the page and has stored that language's pages,
 * the ports and the keys) over Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbps down, 750 kbps up.
 * Targets: ≤ 1.5 MB for everything one language needs offline; offline-ready ≤ 10 s on slow 4G.
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { chromium } from "@playwright/test";
import { locales } from "@/lib/shared/i18n/locales";
import { ensureBuild, ROOT, runCleanups, startServer } from "./bench/server";
import { table } from "./bench/stats";
import { SLOW_4G, startThrottle, type Throttle } from "./bench/throttle";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const STORED_BUDGET = 1.5 * 1024 * 1024;
// The target is judged on what is stored (the bodies in Cache Storage). The browser's estimate is
// printed beside it: Chromium also counts its own bookkeeping of the caches there.
const READY_BUDGET_MS = 10_000;
const only = process.argv.includes("--locale") ? [process.argv[process.argv.indexOf("--locale") + 1]] : [...locales];

type Visit = { transferred: number; cacheBytes: number; usage: number; details: Record<string, number>; readyMs: number };

async function firstVisit(throttle: Throttle, locale: string): Promise<Visit> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // A new browser profile each time: nothing stored, no HTTP cache, as on a phone's first visit.
    const page = await browser.newPage();
    throttle.reset();
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${throttle.port}/${locale}`);
    await page.waitForSelector(`html[data-offline-ready="${locale}"]`, { timeout: 120_000 });
    const readyMs = Date.now() - started;
    const transferred = throttle.downBytes();
    const { cacheBytes, usage, details } = await page.evaluate(async () => {
      let bytes = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) bytes += (await (await cache.match(request))!.blob()).size;
      }
      // Chromium breaks its estimate down (caches, IndexedDB, service worker registrations).
      const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
      return { cacheBytes: bytes, usage: estimate.usage ?? 0, details: estimate.usageDetails ?? {} };
    });
    return { transferred, cacheBytes, usage, details, readyMs };
  } finally {
    await browser.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);

async function main() {
  ensureBuild();
  if (!existsSync(path.join(ROOT, "public", "sw.js"))) {
    const built = spawnSync("npx", ["tsx", "scripts/build-sw.ts"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("building the service worker failed");
  }
  const server = await startServer({ databaseUrl: "", poolSize: 5 });
  const throttle = await startThrottle(Number(new URL(server.origin).port), SLOW_4G);
  const rows = [["language", "transferred (KB)", "stored: caches (KB)", "storage estimate (KB)", "estimate by kind (KB)", "offline-ready (s)"]];
  const missed: string[] = [];
  try {
    for (const locale of only) {
      const visit = await firstVisit(throttle, locale);
      const byKind = Object.entries(visit.details).map(([kind, bytes]) => `${kind} ${kb(bytes)}`).join(", ");
      rows.push([locale, kb(visit.transferred), kb(visit.cacheBytes), kb(visit.usage), byKind, (visit.readyMs / 1000).toFixed(1)]);
      if (visit.cacheBytes > STORED_BUDGET) missed.push(`${locale}: ${kb(visit.cacheBytes)} KB stored > ${kb(STORED_BUDGET)} KB`);
      if (visit.readyMs > READY_BUDGET_MS) missed.push(`${locale}: offline-ready in ${(visit.readyMs / 1000).toFixed(1)} s > ${READY_BUDGET_MS / 1000} s`);
    }
  } finally {
    await throttle.close();
    await server.stop();
    await runCleanups();
  }
  console.log(`first visit per language over slow 4G (${SLOW_4G.rttMs} ms RTT, ${SLOW_4G.downKbps} kbps down, ${SLOW_4G.upKbps} kbps up)`);
  console.log(table(rows));
  console.log(`targets: ≤ ${kb(STORED_BUDGET)} KB (1.5 MB) stored for one language offline; offline-ready ≤ ${READY_BUDGET_MS / 1000} s on slow 4G`);
  console.log(missed.length ? `missed:\n  ${missed.join("\n  ")}` : "all targets met");
}

main().catch(async (error) => {
  console.error(error);
  await runCleanups();
  process.exit(1);
});
