import { readdirSync, readFileSync } from "node:fs";

/**
 * Where the machine's CPU went during a phase, from /proc (Linux only; elsewhere this reports
 * nothing). On a 2-core box the load generator, the app server and PostgreSQL share the same
 * cores, so a throughput number means little without knowing who was busy: this splits the
 * busy time into the server process tree, PostgreSQL's processes, this bench process, and the rest.
 */

// USER_HZ: /proc reports CPU time in these ticks; 100 on every mainstream Linux build.
const TICKS_PER_SECOND = 100;

type ProcInfo = { pid: number; ppid: number; comm: string; ticks: number };
export type CpuSnapshot = { at: number; busy: number; total: number; procs: Map<number, ProcInfo>; serverMain: number } | null;
export type CpuShare = {
  cores: number;
  busy: number;
  server: number;
  /** The server's JavaScript thread; the rest of `server` is libuv's pool (sharp, crypto), GC helpers. */
  serverMain: number;
  postgres: number;
  bench: number;
  /** bench:abuse's abusive clients (0 elsewhere). */
  abusers: number;
  other: number;
};

function readProc(pid: number, file = `/proc/${pid}/stat`): ProcInfo | null {
  try {
    const stat = readFileSync(file, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    // Fields after "(comm)": state ppid … utime(14th field) stime(15th field).
    const fields = stat.slice(close + 2).split(" ");
    return { pid, ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // exited between listing and reading
  }
}

/** The servers' main threads are read separately: each runs all its process's JavaScript, and only it. */
export function cpuSnapshot(serverPids: number[] = []): CpuSnapshot {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …; idle and iowait are "not busy".
    const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
    const busy = total - line[3] - line[4];
    const procs = new Map<number, ProcInfo>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const info = readProc(Number(entry));
      if (info) procs.set(info.pid, info);
    }
    const serverMain = serverPids.reduce((sum, pid) => sum + (readProc(pid, `/proc/${pid}/task/${pid}/stat`)?.ticks ?? 0), 0);
    return { at: performance.now(), busy, total, procs, serverMain };
  } catch {
    return null;
  }
}

/** CPU used between two snapshots, in cores (1.0 = one core busy for the whole phase). */
/** `abuserPids`: bench:abuse's abusive clients, a process of their own (counted apart from the bench client). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, serverPids: number[], abuserPids: number[] = []): CpuShare | null {
  if (!before || !after) return null;
  const seconds = (after.at - before.at) / 1000;
  if (seconds <= 0) return null;
  const tree = new Set(serverPids.flatMap((pid) => [...descendants(after.procs, pid)]));
  let server = 0;
  let postgres = 0;
  let bench = 0;
  let abusers = 0;
  for (const [pid, now] of after.procs) {
    // A process that started mid-phase counts from zero.
    const used = now.ticks - (before.procs.get(pid)?.ticks ?? 0);
    if (tree.has(pid)) server += used;
    else if (now.comm === "postgres") postgres += used;
    else if (pid === process.pid) bench += used;
    else if (abuserPids.includes(pid)) abusers += used;
  }
  const toCores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
  const cores = (after.total - before.total) / TICKS_PER_SECOND / seconds; // ≈ core count
  const busy = toCores(after.busy - before.busy);
  return {
    cores,
    busy,
    server: toCores(server),
    serverMain: toCores(after.serverMain - before.serverMain),
    postgres: toCores(postgres),
    bench: toCores(bench),
    abusers: toCores(abusers),
    other: Math.max(0, busy - toCores(server + postgres + bench + abusers)),
  };
}

function descendants(procs: Map<number, ProcInfo>, root: number): Set<number> {
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs.values()) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return found;
}

export function formatCpu(share: CpuShare | null): string {
  if (!share) return "n/a (no /proc)";
  const f = (n: number) => n.toFixed(2);
  return (
    `${f(share.busy)} of ${Math.round(share.cores)} cores busy: server ${f(share.server)} (JS main thread(s) ${f(share.serverMain)}, ` +
    `other threads ${f(share.server - share.serverMain)}: libuv pool = sharp, crypto; GC), postgres ${f(share.postgres)}, ` +
    `bench client ${f(share.bench)}, ${share.abusers > 0 ? `abusive clients ${f(share.abusers)}, ` : ""}everything else ${f(share.other)}`
  );
}

/** How busy the machine is with the bench idle: other work on a shared box skews every number. */
export async function backgroundLoad(ms = 1000): Promise<number | null> {
  const before = cpuSnapshot();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuSnapshot();
  if (!before || !after) return null;
  return (after.busy - before.busy) / TICKS_PER_SECOND / ((after.at - before.at) / 1000);
}
