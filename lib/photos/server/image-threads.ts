import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Lowers the priority of libvips' worker threads, where the background pool's decodes and
 * re-encodes spend their CPU (sharp's call waits on a libuv thread while libvips' own threads work
 * the pixels). Requests never call libvips (process.ts), so nothing a person waits on runs there:
 * on a busy machine the main thread (the bookings) and the database get the cores first, and a
 * photo bomb's decode (a large lossless image at the 2048 px cap) takes what is left. Not lower
 * than 10: a thread at 19 can be starved for seconds under full load, and a decode that passes its
 * 10 s timeout counts as undecodable.
 *
 * Linux only (a thread's id is a pid to setpriority); elsewhere, nothing changes. libvips makes its
 * threads as it needs them and keeps them, so this looks for new ones before each photo: a thread
 * made during a photo's work runs that photo at the normal priority, and the next ones lowered.
 */
const IMAGE_THREAD_NICENESS = 10;
const LIBVIPS_THREAD_NAME = "libvips worker";

const lowered = new Set<string>();
let unsupported = process.platform !== "linux";

export function lowerImageThreads(): void {
  if (unsupported) return;
  try {
    for (const thread of readdirSync("/proc/self/task")) {
      if (lowered.has(thread)) continue;
      let name: string;
      try {
        name = readFileSync(`/proc/self/task/${thread}/comm`, "utf8").trim();
      } catch {
        continue; // the thread ended meanwhile
      }
      if (name !== LIBVIPS_THREAD_NAME) continue;
      setPriority(Number(thread), IMAGE_THREAD_NICENESS);
      lowered.add(thread);
    }
  } catch {
    // No /proc, or not allowed: the pool's own bounds (pending.ts) still hold.
    unsupported = true;
  }
}
