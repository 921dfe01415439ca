// temporary probe (removed after investigation): a short burst with the server under --prof
import { Pool } from "undici";
import { bookingRange, readAvailability } from "./availability";
import { cpuBetween, cpuSnapshot, formatCpu } from "./cpu";
import { runBurst } from "./load";
import { MultipartBuilder } from "./multipart";
import { makePhotos } from "./photos";
import { createBenchDatabase, runCleanups, startServer } from "./server";
async function main() {
  const url = process.argv[2] === "pg" ? (await createBenchDatabase(process.env.DATABASE_URL!)).url : "";
  process.env.NODE_OPTIONS = process.argv[3] ?? "";
  const server = await startServer({ databaseUrl: url, poolSize: 20 });
  delete process.env.NODE_OPTIONS;
  const pool = new Pool(server.origin, { connections: 210 });
  const photos = await makePhotos(6);
  const builder = new MultipartBuilder(photos, 4);
  const range = bookingRange("America/Los_Angeles", Number(process.argv[4] ?? 1));
  const initial = await readAvailability(pool, "san-ysidro", range);
  const b = cpuSnapshot();
  const r = await runBurst({ pool, portId: "san-ysidro", range, clients: Number(process.argv[5] ?? 50), initial, builder, photoCount: 6 });
  console.log(formatCpu(cpuBetween(b, cpuSnapshot(), server.pid)));
  console.log("bookings", r.bookings, "in", (r.sellOutMs / 1000).toFixed(1), "s", r.statuses.format(), "req", r.all.count);
  await pool.close();
  await runCleanups();
  process.exit(0);
}
main();
