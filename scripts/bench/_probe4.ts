// temporary probe: cost of sending photo bytea to PostgreSQL with node-postgres
import pg from "pg";
import { makePhotos } from "./photos";
async function main() {
  const photos = await makePhotos(3);
  const c = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
  await c.connect();
  await c.query("CREATE TEMP TABLE p (id serial, jpeg bytea)");
  for (const mode of ["hex-param", "warm"]) {
    const cpu0 = process.cpuUsage(); const t0 = performance.now();
    const N = 100;
    for (let i = 0; i < N; i++) {
      await c.query("INSERT INTO p (jpeg) VALUES ($1), ($2), ($3)", photos);
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(mode, ((performance.now() - t0) / N).toFixed(2), "ms wall/insert of 3 photos;", ((cpu.user + cpu.system) / 1000 / N).toFixed(2), "ms node CPU (user", (cpu.user/1000/N).toFixed(2), "sys", (cpu.system/1000/N).toFixed(2), ")");
  }
  await c.end();
}
main();
