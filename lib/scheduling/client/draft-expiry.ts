import "client-only";
import { DRAFT_EXPIRY_DAYS } from "@/lib/client/config/env";

/**
 * How long unsent answers stay on the phone. A deployment sets NEXT_PUBLIC_DRAFT_EXPIRY_DAYS at
 * build time (read in lib/client/config/env.ts: the phone has no server to ask when it is
 * offline); the person is warned during the last WARNING_DAYS so that nothing vanishes without
 * notice.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const WARNING_DAYS = Math.min(3, DRAFT_EXPIRY_DAYS / 2);

export type DraftAge = { savedAt: number; expiresAt: number; warn: boolean; expired: boolean };

export function draftAge(savedAt: number, now: number): DraftAge {
  const expiresAt = savedAt + DRAFT_EXPIRY_DAYS * DAY_MS;
  return { savedAt, expiresAt, expired: now >= expiresAt, warn: now >= expiresAt - WARNING_DAYS * DAY_MS };
}
