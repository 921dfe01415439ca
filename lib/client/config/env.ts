import "client-only";

/**
 * The browser's settings, fixed when the app is built: Next.js writes each NEXT_PUBLIC_ value into
 * the bundle in place of its literal `process.env.NAME` (so each is read by name, never through a
 * variable), and a phone offline has no server to ask. The server validates the same variables at
 * start (lib/server/config/env.ts), so a bad value stops a deployment before any phone sees it;
 * the checks here only keep a build made without that check from shipping nonsense. No zod: this
 * ships to every phone.
 */

/** Days unsent answers stay on the phone. */
export const DRAFT_EXPIRY_DAYS = wholeDays(process.env.NEXT_PUBLIC_DRAFT_EXPIRY_DAYS, 30);

function wholeDays(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return Number.isFinite(value) && value >= 1 ? value : fallback;
}
