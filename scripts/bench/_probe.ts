// temporary probe (removed after investigation)
import { Pool } from "undici";
import { cpuBetween, cpuSnapshot, formatCpu } from "./cpu";
import { runCeiling } from "./load";
import { createBenchDatabase, runCleanups, startServer } from "./server";
async function main() {
  const url = process.argv[2] === "pg" ? (await createBenchDatabase(process.env.DATABASE_URL!)).url : "";
  const server = await startServer({ databaseUrl: url, poolSize: 20 });
  const pool = new Pool(server.origin, { connections: 210 });
  for (const path of ["/api/health", "/api/v1/ports"]) {
    for (const c of [1, 10, 50, 200]) {
      const b = cpuSnapshot();
      const r = await runCeiling(pool, c, 3, path);
      const share = cpuBetween(b, cpuSnapshot(), server.pid);
      console.log(path, c, r.perSecond.toFixed(0), "req/s p50", r.latency.p50.toFixed(1), "p99", r.latency.p99.toFixed(1), r.statuses.format(), "| server CPU ms/req", ((share!.server * 3000) / r.requests).toFixed(2), formatCpu(share));
    }
  }
  await pool.close();
  await runCleanups();
  process.exit(0);
}
main();
