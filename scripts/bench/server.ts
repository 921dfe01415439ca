import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { request } from "undici";

/**
 * The app server under test, run exactly as in production (`node server.mjs` on the built app),
 * as a child process with its own port and data folder. Whatever happens to the bench (an
 * exception, Ctrl-C, a failed check), the child is killed and the bench database dropped:
 * a leftover server would skew the next run's numbers and hold the port.
 */

// npm runs scripts from the package root, where server.mjs and .next are.
export const ROOT = process.cwd();

// ---- cleanup ---------------------------------------------------------------------------------

const cleanups = new Set<() => Promise<void>>();
const children = new Set<ChildProcess>();

/** Registers `fn` to run on normal teardown and on SIGINT/SIGTERM; returns a remover. */
export function onCleanup(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

let cleaning: Promise<void> = Promise.resolve();

/**
 * Runs the registered cleanups, newest first (the server stops before its database is dropped).
 * Calls are queued: a Ctrl-C during the normal teardown waits for it instead of racing it.
 */
export function runCleanups(): Promise<void> {
  cleaning = cleaning.then(async () => {
    for (const fn of [...cleanups].reverse()) {
      cleanups.delete(fn);
      await fn().catch((error) => console.error(`cleanup failed: ${error instanceof Error ? error.message : error}`));
    }
  });
  return cleaning;
}

/**
 * Runs a bench's `main` and exits with its code; an exception is printed, the server stopped and
 * the database dropped first. Exits explicitly: idle keep-alive sockets would otherwise hold the
 * process for seconds.
 */
export function runBench(main: () => Promise<number>): void {
  main()
    .catch(async (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      await runCleanups();
      return 1;
    })
    .then((code) => process.exit(code));
}

// Ctrl-C reaches this process twice (from the terminal, and relayed by the tsx and npm parents),
// so repeats are ignored rather than taken as "force quit", which would skip the database drop.
// The cleanup's own steps are bounded; the timer only guards against a hung database connection.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the server and dropping the bench database…`);
    setTimeout(() => process.exit(130), 20_000).unref();
    void runCleanups().finally(() => process.exit(130));
  });
}
// Last resort (uncaught error, process.exit elsewhere): 'exit' handlers must be synchronous,
// so only the kill happens here; the database drop needs the async path above.
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

// ---- build -----------------------------------------------------------------------------------

export function ensureBuild(): void {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("No production build (.next/BUILD_ID): running npm run build…");
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
}

// ---- PostgreSQL bench database ---------------------------------------------------------------

/**
 * A fresh database on the server of `adminUrl`, so the run starts from the demo seed like a new
 * deployment and never touches the database the URL names. Dropped on teardown.
 */
export async function createBenchDatabase(adminUrl: string): Promise<{ url: string; name: string }> {
  const name = `puerta_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  onCleanup(async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      // FORCE (PostgreSQL 13+): a server that did not exit cleanly may still hold connections.
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

// ---- the app server --------------------------------------------------------------------------

export type RunningServer = {
  origin: string;
  pid: number;
  logFile: string;
  /** Lines of the server log that report unexpected errors (internal_error answers). */
  errorLines: () => string[];
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `dataDir`: share another instance's data folder (its keys), as instances of one deployment
 * share their keys; that instance owns the folder and removes it. Default: a folder of its own.
 * `env`: settings of the server's own, over those below (bench:abuse runs with the production
 * rate limit, each client behind an address of its own).
 * `nodeArgs`: Node.js flags of the bench's own, after BENCH_NODE_ARGS (bench:abuse loads a probe
 * of the server's event loop with `--import`).
 */
export async function startServer(options: {
  databaseUrl: string;
  poolSize: number;
  dataDir?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<RunningServer & { dataDir: string }> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "puerta-bench-"));
  // The log lives beside the data (not inside PUERTA_DATA_DIR's pglite folder) and goes with it.
  const logFile = path.join(dataDir, `server-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.log`);
  const port = await freePort();
  const log = openSync(logFile, "a");
  // BENCH_NODE_ARGS: extra Node.js flags for the servers, for profiling (--perf-basic-prof, --trace-gc).
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean), ...(options.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, "server.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      PUERTA_DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl, // "" = embedded PGlite
      DATABASE_POOL_SIZE: String(options.poolSize),
      // Every bench client connects from 127.0.0.1, i.e. one rate-limit bucket: with the
      // production default (120 writes a minute) the burst would measure 429s.
      RATE_LIMIT_PER_MINUTE: "0",
      ...options.env,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  children.add(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    removeCleanup();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    children.delete(child);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const removeCleanup = onCleanup(stop);

  const origin = `http://127.0.0.1:${port}`;
  const logTail = () => (existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n") : "");
  try {
    await waitHealthy(origin, exited);
  } catch (error) {
    const tail = logTail();
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}\n--- server log (last lines) ---\n${tail}`);
  }
  return {
    origin,
    dataDir,
    pid: child.pid!,
    logFile,
    errorLines: () => readFileSync(logFile, "utf8").split("\n").filter((line) => /unexpected|error/i.test(line)),
    stop,
  };
}

/** Polls GET /api/health until 200: start-up migrates, seeds and makes slots before answering. */
async function waitHealthy(origin: string, exited: Promise<number | null>, timeoutMs = 120_000): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`server exited during start-up (code ${gone})`);
    try {
      const { statusCode, body } = await request(`${origin}/api/health`, { headersTimeout: 10_000, bodyTimeout: 10_000 });
      await body.dump();
      if (statusCode === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000} s`);
}
