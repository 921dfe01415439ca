import { fileURLToPath } from "node:url";
import pg from "pg";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // `server-only` throws outside React's server bundle; tests run lib code directly in Node.
  "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
};

// Every test runs on the embedded PGlite; the database-backed ones (tests/integration) run a
// second time on PostgreSQL whenever one is there, because races between transactions can only
// happen on a server (PGlite runs one transaction at a time):
// - DATABASE_URL set: that server (CI points it at its PostgreSQL 15), which must answer;
// - DATABASE_URL unset: the local server CI uses, when it answers within a second, so that a
//   plain `npm test` on a machine with PostgreSQL runs both;
// - DATABASE_URL="" or PUERTA_TEST_POSTGRES=0: PGlite only, explicitly.
const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/test";
const PROBE_MS = 1000;

/**
 * Connects, authenticates and asks whether it may create databases (each test file gets its own,
 * tests/support/database.ts), in at most PROBE_MS.
 */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_MS, query_timeout: PROBE_MS });
  // A client that cannot connect is ended right away; one whose server stalls is given up on.
  const deadline = new Promise<false>((resolve) => setTimeout(resolve, PROBE_MS + 200, false).unref());
  const probe = client
    .connect()
    .then(() => client.query("SELECT rolsuper OR rolcreatedb AS may FROM pg_roles WHERE rolname = current_user"))
    .then((result) => result.rows[0]?.may === true)
    .catch(() => false);
  const ok = await Promise.race([probe, deadline]);
  client.end().catch(() => undefined);
  return ok;
}

/** The PostgreSQL the integration tests also run on, if any, and how it was chosen. */
async function testPostgres(): Promise<{ url: string | null; why: string }> {
  if (process.env.PUERTA_TEST_POSTGRES === "0") return { url: null, why: "PUERTA_TEST_POSTGRES=0" };
  const configured = process.env.DATABASE_URL;
  if (configured === "") return { url: null, why: "DATABASE_URL is empty" };
  if (configured) return { url: configured, why: "DATABASE_URL" };
  if (await answers(LOCAL_POSTGRES)) return { url: LOCAL_POSTGRES, why: "found at the default address" };
  return { url: null, why: `no PostgreSQL allowed to create databases answered at ${LOCAL_POSTGRES}; set DATABASE_URL to name one` };
}

/** The URL as it may be printed: without a password. */
function printable(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

export default defineConfig(async () => {
  // Tools that only read this file (knip, several times) neither probe nor print.
  const testing = process.env.VITEST === "true";
  const postgres = testing ? await testPostgres() : { url: process.env.DATABASE_URL || null, why: "" };
  if (testing) {
    console.log(
      postgres.url
        ? `[tests] databases: PGlite and PostgreSQL ${printable(postgres.url)} (${postgres.why})`
        : `[tests] databases: PGlite only (${postgres.why})`,
    );
  }
  return {
    resolve: { alias },
    test: {
      projects: [
        {
          resolve: { alias },
          test: {
            name: "pglite",
            include: ["lib/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/lint/**/*.test.ts"],
            env: { DATABASE_URL: "" },
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
        {
          // React components in a simulated DOM, with the real catalogs and the API mocked by the
          // shared MSW handlers (tests/mocks/handlers.ts) at the network edge, nowhere else.
          resolve: { alias },
          test: {
            name: "components",
            environment: "happy-dom",
            include: ["components/**/*.test.tsx"],
            setupFiles: ["tests/mocks/component-setup.ts"],
            testTimeout: 30_000,
          },
        },
        ...(postgres.url
          ? [
              {
                resolve: { alias },
                test: {
                  name: "postgres",
                  include: ["tests/integration/**/*.test.ts"],
                  env: { DATABASE_URL: postgres.url },
                  testTimeout: 60_000,
                  hookTimeout: 60_000,
                },
              },
            ]
          : []),
      ],
    },
  };
});
