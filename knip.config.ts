import type { KnipConfig } from "knip";

// Unused files, exports and dependencies, and every import declared in package.json (`npm run
// lint`). Next.js's app/ routes, proxy.ts, instrumentation.ts, next-intl's request config and the
// tools' own config files are found by knip's plugins; these are the entry points nothing imports.
const config: KnipConfig = {
  entry: [
    // Run by `tsx` or as a child process, never imported (package.json's scripts and server.mjs
    // are found by knip itself).
    "scripts/*.ts",
    "tests/e2e/support/run-draw.ts",
    // Named by a string: scripts/build-sw.ts compiles it with esbuild.
    "lib/offline/service-worker/service-worker.ts",
    "tests/**/*.{test,spec}.{ts,tsx}",
    "{lib,components}/**/*.test.{ts,tsx}",
  ],
  // CSS too, so that globals.css's `@import "tailwindcss"` counts as a use of the package.
  project: ["**/*.{ts,tsx,mts,mjs,css}"],
  // The types of the .mjs modules server.mjs loads before Next.js (plain JavaScript): TypeScript
  // reads each beside its .mjs, nothing imports them by name.
  ignore: ["lib/server/http/*.d.mts"],
};

export default config;
