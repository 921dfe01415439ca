import { readFileSync } from "node:fs";

/** The resident memory of a process, in bytes, from /proc (Linux); null elsewhere or once it is gone. */
function rssOf(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's resident memory every `everyMs` until stopped; `stop` gives the peak seen. */
export function watchRss(pid: number, everyMs = 100): { stop: () => number | null } {
  let peak: number | null = rssOf(pid);
  const timer = setInterval(() => {
    const now = rssOf(pid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
