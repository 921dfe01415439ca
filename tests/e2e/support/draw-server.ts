import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A second production server on a data folder of its own, which this test can stop and start.
 * The draw runs hours after a request is made, and nothing public may run one on demand; so the
 * test stops the server, runs the real runner on its data folder (the embedded database allows
 * one process per folder), and starts it again, as an operator runs `npm run draw` with the app
 * stopped. The build is the one Playwright's web server made.
 */
export class DrawServer {
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), "puerta-e2e-draw-"));
  readonly port = Number(process.env.E2E_PORT ?? 3100) + 1;
  readonly url = `http://127.0.0.1:${this.port}`;
  private child: ChildProcess | null = null;
  private output = "";

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, PORT: String(this.port), PUERTA_DATA_DIR: this.dataDir, DATABASE_URL: "", RATE_LIMIT_PER_MINUTE: "1000" };
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ["server.mjs"], { cwd: process.cwd(), env: this.env(), stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.stdout!.on("data", (chunk) => (this.output += chunk));
    child.stderr!.on("data", (chunk) => (this.output += chunk));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the draw test's server stopped:\n${this.output}`);
      const healthy = await fetch(`${this.url}/api/health`).then((r) => r.ok, () => false);
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the draw test's server did not answer within 2 minutes:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  /**
   * Runs the draw that a request made now at `portId` enters, at its scheduled time, with the
   * app's own runner (tests/e2e/support/run-draw.ts); the server must be stopped.
   */
  async runDraw(portId: string): Promise<{ date: string; ran: boolean; allocations: number }> {
    const script = path.join("tests", "e2e", "support", "run-draw.ts");
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, portId], {
      cwd: process.cwd(),
      env: this.env(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`run-draw failed (${code}):\n${stderr}`);
    return JSON.parse(stdout.trim().split("\n").at(-1)!);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
