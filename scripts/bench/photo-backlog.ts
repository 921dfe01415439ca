import pg from "pg";

export type PhotoBacklog = { seconds: number; ready: number; unreadable: number; pending: number };

/**
 * The photos a rush left for the background re-encode (lib/photos/server/pending.ts), watched until none
 * is pending: the booking numbers exclude that work, so the bench says how long it took after
 * the last seat sold. Read straight from the bench database (PostgreSQL only: PGlite is inside
 * the server process).
 */
export async function waitForPhotoBacklog(databaseUrl: string, timeoutMs = 300_000): Promise<PhotoBacklog> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const t0 = performance.now();
    for (;;) {
      const { rows } = await client.query<{ status: string; n: string }>("SELECT status, count(*) AS n FROM photos GROUP BY status");
      const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
      const backlog = { seconds: (performance.now() - t0) / 1000, ready: count("ready"), unreadable: count("unreadable"), pending: count("pending") };
      if (backlog.pending === 0 || performance.now() - t0 > timeoutMs) return backlog;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
}
