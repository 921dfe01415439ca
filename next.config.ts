import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CSP, COMMON_HEADERS, PAGE_CSP } from "./lib/server/http/security-headers.mjs";

const nextConfig: NextConfig = {
  // Benchmarks build into their own folder so they never disturb a running server's build. Read
  // here, not through lib/server/config/env.ts: the build reads this file before any app module.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Metadata (the page's <title>) always in the <head>. Pages rendered per request (the port step)
  // would otherwise get it streamed in later, and a screen reader (or axe) opening the page could
  // meet a document without a title.
  htmlLimitedBots: /.*/,
  serverExternalPackages: ["@electric-sql/pglite", "sharp"],
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*"] },
  async headers() {
    return [
      // The same headers go on the answers server.mjs gives itself (lib/server/http/edge-answers.mjs).
      { source: "/:path*", headers: COMMON_HEADERS },
      // Pages only: Next.js compiles a header value containing ":" ("data:", "blob:") as a path
      // pattern on every request it applies to, which API requests (bookings) need not pay.
      { source: "/((?!api/).*)", headers: [{ key: "Content-Security-Policy", value: PAGE_CSP }] },
      // The service worker must be checked with the server on every update check (never a stale
      // copy from an HTTP cache), so a new version reaches phones as soon as it is deployed.
      { source: "/sw.js", headers: [{ key: "Cache-Control", value: "no-cache" }] },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CSP }],
      },
    ];
  },
};

// Messages are compiled at build time, so phones never download an ICU message parser.
export default createNextIntlPlugin({
  requestConfig: "./lib/server/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
})(nextConfig);
