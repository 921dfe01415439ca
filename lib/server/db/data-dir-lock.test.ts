import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "./connection";
import { DataDirInUseError, lockDataDir } from "./data-dir-lock";

let root: string;
let dataDir: string;
let lockFile: string;
const releases: (() => void)[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "puerta-lock-"));
  dataDir = path.join(root, "pglite");
  lockFile = `${dataDir}.lock`;
});
afterEach(() => {
  for (const release of releases.splice(0)) release();
  rmSync(root, { recursive: true, force: true });
});

const lock = () => {
  const release = lockDataDir(dataDir);
  releases.push(release);
  return release;
};

/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

describe("the data folder's lock", () => {
  it("is taken by the first opener, holding its pid, and given back on release", () => {
    const release = lock();
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
    lock();
    expect(existsSync(lockFile)).toBe(true);
  });

  it("refuses a second opener in the same process", () => {
    lock();
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dataDir)).toThrow(/in use: this process already has it open/);
  });

  it("refuses while another live process holds it, saying what to do", () => {
    writeFileSync(lockFile, `${process.ppid}\n`);
    expect(() => lockDataDir(dataDir)).toThrow(
      new RegExp(`is in use: another process \\(pid ${process.ppid}\\) has it open.*npm run draw.*PostgreSQL.*delete ${lockFile.replaceAll(".", "\\.")}`),
    );
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(process.ppid));
  });

  it("is taken over from a process that is gone", () => {
    writeFileSync(lockFile, `${deadPid()}\n`);
    lock();
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(process.pid));
  });

  it("is taken over from an earlier life of this pid (a restarted container)", () => {
    writeFileSync(lockFile, `${process.pid}\n`);
    lock();
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(process.pid));
  });

  it("waits for a lock being written, and takes over one left empty", () => {
    writeFileSync(lockFile, "");
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockFile, minuteAgo, minuteAgo);
    lock();
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(process.pid));
  });
});

describe("the embedded database", () => {
  it("opens a folder once at a time, and again once closed", async () => {
    const first = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirInUseError);
    } finally {
      await first.close();
    }
    expect(existsSync(lockFile)).toBe(false);
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it("is refused to `npm run draw` and `npm run purge` while the app has it open", async () => {
    writeFileSync(lockFile, `${process.ppid}\n`); // the app: a live process that is not the CLI
    const run = (script: string) =>
      promisify(execFile)(path.join(process.cwd(), "node_modules/.bin/tsx"), ["--conditions=react-server", `scripts/${script}.ts`], {
        env: { ...process.env, DATABASE_URL: "", PUERTA_DATA_DIR: root },
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
    for (const { code, stderr } of await Promise.all([run("draw"), run("purge")])) {
      expect(code).toBe(1);
      expect(stderr).toContain(`the embedded database in ${dataDir} is in use: another process (pid ${process.ppid}) has it open`);
    }
  }, 60_000);
});
