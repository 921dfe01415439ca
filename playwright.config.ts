import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// Browser and HTTP tests run against the production build, started as `npm start` would, on an
// embedded database of its own (a fresh data folder per run).
export default defineConfig({
  testDir: "tests/e2e",
  // Test files may import server modules (see tests/e2e/tsconfig.json).
  tsconfig: "./tests/e2e/tsconfig.json",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A mid-range phone's screen; tests that need another size set their own.
    viewport: { width: 412, height: 915 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // A camera that needs no hardware and no permission prompt.
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
      ],
    },
  },
  webServer: {
    command: `rm -rf .data/e2e && npm run build && node server.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT), PUERTA_DATA_DIR: ".data/e2e", DATABASE_URL: "", RATE_LIMIT_PER_MINUTE: "1000" },
  },
});
