import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Pages hydrate with inline scripts Next.js writes into prerendered HTML; a nonce would force every
// page to render per request and could not be precached for offline use, so pages allow inline
// scripts from this origin only. API responses allow nothing at all.
const pageCsp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const common = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Strict-Transport-Security", value: "max-age=31536000" },
  {
    key: "Permissions-Policy",
    value: "camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), interest-cohort=()",
  },
];

const nextConfig: NextConfig = {
  // Benchmarks build into their own folder so they never disturb a running server's build.
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
      { source: "/:path*", headers: common },
      // Pages only: Next.js compiles a header value containing ":" ("data:", "blob:") as a path
      // pattern on every request it applies to, which API requests (bookings) need not pay.
      { source: "/((?!api/).*)", headers: [{ key: "Content-Security-Policy", value: pageCsp }] },
      // The service worker must be checked with the server on every update check (never a stale
      // copy from an HTTP cache), so a new version reaches phones as soon as it is deployed.
      { source: "/sw.js", headers: [{ key: "Cache-Control", value: "no-cache" }] },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

// Messages are compiled at build time, so phones never download an ICU message parser.
export default createNextIntlPlugin({
  requestConfig: "./lib/server/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
})(nextConfig);
