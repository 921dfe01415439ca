import "server-only";
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from "node:fs";
import { ConfigError } from "@/lib/server/config/env";

/**
 * The embedded database (PGlite) is one process per data folder: a second process opening the
 * same files (a second `npm start`, `npm run draw` or `npm run purge` while the app runs) would
 * write over the first one's pages. So whoever opens a folder first leaves a lock file beside
 * it with its process id, and everyone else is refused with a message saying what to do. A lock
 * left by a process that is gone (killed, a crash, a container restarted) is taken over.
 *
 * A ConfigError, so that start-up and the CLIs print its message as it is (it names a folder and
 * a process id, nothing a person sent).
 */
export class DataDirInUseError extends ConfigError {
  override name = "DataDirInUseError";
}

/** A lock file being written holds no pid yet for this long; after that, empty means abandoned. */
const WRITING_MS = 5_000;

// The folders this process holds: its own pid in a lock is stale only if it is not one of these
// (a container restarted with the same pid), and a second open within the process is refused too.
const held = globalThis as typeof globalThis & { __puertaDataDirLocks?: Set<string> };
const heldHere = (held.__puertaDataDirLocks ??= new Set());

/** Takes the lock of `dataDir` (PGlite's folder) or throws DataDirInUseError; answers the release. */
export function lockDataDir(dataDir: string): () => void {
  if (dataDir.startsWith("memory://")) return () => undefined; // in memory: nobody else can open it
  const file = `${dataDir}.lock`;
  if (heldHere.has(file)) throw inUse(dataDir, file, process.pid);
  // Three tries: each failed one means a stale lock was moved away (or someone else's was made).
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(file)) return holdUntilExit(file);
    const holder = readHolder(file);
    if (holder === "gone") continue;
    if (holder === "writing") throw inUse(dataDir, file, undefined);
    if (holder !== "abandoned" && isAlive(holder)) throw inUse(dataDir, file, holder);
    takeOver(file, holder);
  }
  throw inUse(dataDir, file, undefined);
}

/** `wx`: created only if no lock exists, atomically, so two openers cannot both get it. */
function create(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

type Holder = number | "writing" | "abandoned" | "gone";

function readHolder(file: string): Holder {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (Number.isSafeInteger(pid) && pid > 0) return pid;
    // Created but not written yet by a process starting right now, or left empty by a crash then.
    return Date.now() - statSync(file).mtimeMs < WRITING_MS ? "writing" : "abandoned";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
}

function isAlive(holder: number): boolean {
  // Our own pid in a lock we do not hold is a previous life of this process id.
  if (holder === process.pid) return false;
  try {
    process.kill(holder, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Moves the stale lock aside, then checks that what was moved is the stale lock read before: two
 * processes taking over at once might otherwise remove the fresh lock the faster one just made.
 * If it was such a fresh lock it is put back.
 */
function takeOver(file: string, stale: number | "abandoned"): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // someone else moved it
    throw error;
  }
  const moved = readHolder(aside);
  try {
    // `link` puts a fresh lock back only where no newer one was made meanwhile.
    if (moved !== stale && moved !== "abandoned" && moved !== "gone") linkSync(aside, file);
  } catch {
    // another lock is there now: the next attempt reads it
  } finally {
    rmSync(aside, { force: true });
  }
}

function holdUntilExit(file: string): () => void {
  heldHere.add(file);
  // A process that ends without closing the database (an exit, an uncaught error) lets go too.
  const release = () => {
    if (!heldHere.delete(file)) return;
    process.removeListener("exit", release);
    try {
      if (readHolder(file) === process.pid) unlinkSync(file);
    } catch {
      // already gone: nothing to release
    }
  };
  process.on("exit", release);
  return release;
}

function inUse(dataDir: string, file: string, pid: number | undefined): DataDirInUseError {
  const who = pid === process.pid ? "this process already" : pid ? `another process (pid ${pid})` : "another process";
  return new DataDirInUseError(
    `the embedded database in ${dataDir} is in use: ${who} has it open. PGlite allows one process per data folder: ` +
      "stop the app before `npm run draw` or `npm run purge`, and run several instances on PostgreSQL (DATABASE_URL). " +
      `If no Puerta process is running, delete ${file}.`,
  );
}
