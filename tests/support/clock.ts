import { vi } from "vitest";
import type { Db } from "@/lib/server/db/connection";
import { materializeSlots } from "@/lib/scheduling/server/seed";

/**
 * Pretends "now" is `instant` for the server (the JS clock only: every query is given its times),
 * with that day's slots made as the running app's upkeep would. Undo with `vi.useRealTimers()`.
 */
export async function pretendNow(db: Db, instant: string): Promise<void> {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(instant) });
  await materializeSlots(db, new Date(), 15);
}
