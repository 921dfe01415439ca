import pg from "pg";

/**
 * Runs a CHECKPOINT, as pgbench-style runs do before measuring: the warm-up and its photos'
 * re-encode write about a gigabyte of WAL, which would otherwise set off a checkpoint that runs
 * through the measured burst (seen here: p99 up by 0.2 s). A server waiting for slots to open has
 * been quiet for a while and checkpointed on its timer. Needs a superuser or pg_checkpoint; where
 * the bench's role has neither, it says so and goes on.
 */
export async function checkpoint(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("CHECKPOINT");
    return "done";
  } catch (error) {
    return `not possible (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end();
  }
}
