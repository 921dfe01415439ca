// Plain JavaScript: next.config.ts applies these to every answer Next.js gives, and server.mjs to
// the answers it gives itself (edge-answers.mjs), so both carry exactly the same headers.

// Pages hydrate with inline scripts Next.js writes into prerendered HTML; a nonce would force every
// page to render per request and could not be precached for offline use, so pages allow inline
// scripts from this origin only. API responses allow nothing at all.
export const PAGE_CSP = [
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

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** On every answer, page or API. */
export const COMMON_HEADERS = [
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
