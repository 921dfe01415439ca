/**
 * npm run bench:web — what each page of the booking flow costs a phone: the JavaScript it
 * transfers (gzip, as served by the production server) and Lighthouse's mobile scores
 * (performance, accessibility) with its default slow-4G and 4× CPU throttling.
 * Targets: ≤ 170 KB of JavaScript on any step, performance ≥ 95, accessibility 100.
 *
 * Options: `--locale es` (default en); `--runs 3` runs Lighthouse that many times per page and
 * prints the median run with the lowest and highest scores (one run on a busy machine is noise);
 * `--page /book/port` (repeatable) measures only those pages; `--no-lighthouse` sizes only.
 * Beside the scores it prints what they are made of: FCP, LCP, total blocking time and CLS.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ensureBuild, runCleanups, startServer } from "./bench/server";
import { table } from "./bench/stats";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ALL_PAGES = ["", "/book/eligibility", "/book/travelers", "/book/traveler", "/book/contact", "/book/photos", "/book/port", "/book/check", "/book/done", "/appointment"];
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const chosenPages = process.argv.flatMap((arg, i) => (process.argv[i - 1] === "--page" ? [arg === "/" ? "" : arg] : []));
const PAGES = chosenPages.length > 0 ? chosenPages : ALL_PAGES;
const LOCALE = option("--locale") ?? "en";
const RUNS = Math.max(1, Number(option("--runs") ?? 1));
const SKIP_LIGHTHOUSE = process.argv.includes("--no-lighthouse");
const JS_BUDGET_KB = 170;

type JavaScriptSize = { body: number; wire: number };

/**
 * The scripts a page loads until the network is quiet (lazy chunks included). `body`: the
 * JavaScript itself as sent, gzip (what the budget counts). `wire`: bytes received including
 * each response's HTTP/1.1 headers (the security headers every response carries, ~0.9 KB per
 * script here; HTTP/2 in front of a deployment compresses repeated headers to a few bytes).
 */
async function javascriptTransferred(origin: string, pathname: string): Promise<JavaScriptSize> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    // responseReceived's encodedDataLength: the headers' bytes (all that had arrived then);
    // loadingFinished's: headers and the compressed body. The body is the difference.
    const headerBytes = new Map<string, number>();
    let wire = 0;
    let body = 0;
    cdp.on("Network.responseReceived", (e) => e.type === "Script" && headerBytes.set(e.requestId, e.response.encodedDataLength));
    cdp.on("Network.loadingFinished", (e) => {
      const headers = headerBytes.get(e.requestId);
      if (headers === undefined) return;
      wire += e.encodedDataLength;
      body += e.encodedDataLength - headers;
    });
    await page.goto(`${origin}/${LOCALE}${pathname}`, { waitUntil: "networkidle" });
    return { body, wire };
  } finally {
    await browser.close();
  }
}

type Scores = { performance: number; accessibility: number; fcp: number; lcp: number; tbt: number; cls: number };

/**
 * A freshly started server compiles a route's code on its first requests; on this machine the
 * server shares the cores with the browser, so a page rendered per request (the port step) would
 * otherwise be measured against the server's own start-up work. Phones never share a CPU with the
 * server: measure the steady state.
 */
async function warmUp(url: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    // One retry: the first request may reuse a keep-alive socket the server is just closing
    // (idle since the previous page's Lighthouse runs), which fails with "other side closed".
    await fetch(url)
      .catch(() => fetch(url))
      .then((response) => response.arrayBuffer());
  }
}

/**
 * Lighthouse now and then fails to record a trace on a busy machine (NO_NAVSTART, twice in a row
 * seen here): up to three attempts, then the error.
 */
function lighthouse(url: string): Scores {
  for (let attempt = 1; ; attempt++) {
    try {
      return lighthouseOnce(url);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

function lighthouseOnce(url: string): Scores {
  const dir = mkdtempSync(path.join(os.tmpdir(), "puerta-lh-"));
  const out = path.join(dir, "report.json");
  try {
    execFileSync(
      "npx",
      ["lighthouse", url, "--quiet", "--only-categories=performance,accessibility", "--output=json", `--output-path=${out}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "pipe"] },
    );
    const report = JSON.parse(readFileSync(out, "utf8"));
    // A run whose trace could not be recorded has no score: retried like a failed run.
    if (report.runtimeError || report.categories.performance.score === null) throw new Error(report.runtimeError?.code ?? "no performance score");
    const metric = (id: string) => Number(report.audits[id].numericValue);
    return {
      performance: Math.round(report.categories.performance.score * 100),
      accessibility: Math.round(report.categories.accessibility.score * 100),
      fcp: metric("first-contentful-paint"),
      lcp: metric("largest-contentful-paint"),
      tbt: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median run by performance score, with the range of both scores over all runs. */
function lighthouseRuns(url: string) {
  const runs = Array.from({ length: RUNS }, () => lighthouse(url)).sort((a, b) => a.performance - b.performance);
  const range = (pick: (s: Scores) => number) => {
    const values = runs.map(pick);
    return RUNS === 1 ? String(values[0]) : `${Math.min(...values)}–${Math.max(...values)}`;
  };
  return { median: runs[Math.floor((runs.length - 1) / 2)], performance: range((s) => s.performance), accessibility: range((s) => s.accessibility), worstAccessibility: Math.min(...runs.map((s) => s.accessibility)) };
}

async function main() {
  ensureBuild();
  const server = await startServer({ databaseUrl: "", poolSize: 5 });
  const header = ["page", "JS (KB gzip)", "with headers", "performance", "accessibility", "FCP ms", "LCP ms", "TBT ms", "CLS"];
  const rows = [RUNS === 1 ? header : [...header.slice(0, 3), `performance (median; range of ${RUNS})`, "accessibility", ...header.slice(5).map((h) => `${h} (median run)`)]];
  const failures: string[] = [];
  try {
    for (const pathname of PAGES) {
      await warmUp(`${server.origin}/${LOCALE}${pathname}`);
      const size = await javascriptTransferred(server.origin, pathname);
      const kb = size.body / 1024;
      const scores = SKIP_LIGHTHOUSE ? null : lighthouseRuns(`${server.origin}/${LOCALE}${pathname}`);
      const m = scores?.median;
      rows.push([
        `/${LOCALE}${pathname}`,
        kb.toFixed(1),
        (size.wire / 1024).toFixed(1),
        m ? (RUNS === 1 ? String(m.performance) : `${m.performance} (${scores.performance})`) : "–",
        scores ? scores.accessibility : "–",
        m ? m.fcp.toFixed(0) : "–",
        m ? m.lcp.toFixed(0) : "–",
        m ? m.tbt.toFixed(0) : "–",
        m ? m.cls.toFixed(3) : "–",
      ]);
      if (kb > JS_BUDGET_KB) failures.push(`${pathname || "/"}: ${kb.toFixed(1)} KB of JavaScript > ${JS_BUDGET_KB} KB`);
      if (m && m.performance < 95) failures.push(`${pathname || "/"}: performance ${m.performance} < 95`);
      if (scores && scores.worstAccessibility < 100) failures.push(`${pathname || "/"}: accessibility ${scores.worstAccessibility} < 100`);
    }
  } finally {
    await server.stop();
    await runCleanups();
  }
  console.log(table(rows));
  console.log(`machine load (1-minute average) at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log("JS: the scripts' gzip bodies (the budget); with headers: bytes received over HTTP/1.1, response headers included");
  console.log(`targets: ≤ ${JS_BUDGET_KB} KB JavaScript per page, Lighthouse mobile performance ≥ 95, accessibility 100`);
  console.log(failures.length ? `missed:\n  ${failures.join("\n  ")}` : "all targets met");
}

main().catch(async (error) => {
  console.error(error);
  await runCleanups();
  process.exit(1);
});
