import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // `server-only` throws outside React's server bundle; tests run lib code directly in Node.
  "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
};

// Every test runs on the embedded PGlite; when DATABASE_URL is set (CI points it at the local
// PostgreSQL 15) the database-backed tests run a second time against that server.
const postgresUrl = process.env.DATABASE_URL ?? "";

export default defineConfig({
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
      ...(postgresUrl
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: ["tests/integration/**/*.test.ts"],
                env: { DATABASE_URL: postgresUrl },
                testTimeout: 60_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
