import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

/** A TCP port nobody listens on, as the kernel hands one out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A production server of a test's own (`node server.mjs` on the build Playwright's web server
 * made), on a free port and a data folder of its own: the test may stop it with any signal and
 * start it again on the same data, to see what a shutdown or a crash leaves behind.
 */
export class OwnServer {
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), "puerta-e2e-own-"));
  private port = 0;
  private child: ChildProcess | null = null;
  private output = "";

  constructor(private readonly settings: Record<string, string> = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the server wrote, for a failing test's message. */
  get log(): string {
    return this.output;
  }

  /** Starts it and waits until it is ready (GET /api/ready answers 200). */
  async start(): Promise<void> {
    this.port ||= await freePort();
    const env = { ...process.env, DATABASE_URL: "", RATE_LIMIT_PER_MINUTE: "1000", ...this.settings, PORT: String(this.port), PUERTA_DATA_DIR: this.dataDir };
    const child = spawn(process.execPath, ["server.mjs"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.stdout!.on("data", (chunk) => (this.output += chunk));
    child.stderr!.on("data", (chunk) => (this.output += chunk));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the test's own server stopped:\n${this.output}`);
      const ready = await fetch(`${this.url}/api/ready`).then((r) => r.ok, () => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the test's own server was not ready within 2 minutes:\n${this.output}`);
  }

  /** Sends `signal` and answers how the process ended, once it has. */
  async stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error("the test's own server is not running");
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    child.kill(signal);
    return exited;
  }

  async dispose(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
