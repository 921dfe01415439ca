import "server-only";
import type { Config } from "@/lib/server/config/env";
import type { Db } from "@/lib/server/db/connection";
import { forgetOldWindows } from "@/lib/server/http/rate-limit";
import { wakePhotoWorker } from "@/lib/photos/server/pending";
import { forgetOldIdempotencyKeys } from "@/lib/scheduling/server/idempotency";
import { purgePersonalData } from "@/lib/scheduling/server/purge";
import { materializeSlots } from "@/lib/scheduling/server/seed";

const HOUR = 3_600_000;

type UpkeepConfig = Pick<Config, "BOOKING_HORIZON_DAYS" | "IDEMPOTENCY_RETENTION_DAYS" | "RETENTION_DAYS">;

/**
 * One round of upkeep as of `now`: slots made for the booking horizon; spent rate-limit windows
 * dropped (their buckets are keyed hashes of addresses); stored first responses forgotten after
 * IDEMPOTENCY_RETENTION_DAYS, and personal data — those responses included — erased after
 * RETENTION_DAYS, so no response outlives the shorter of the two; the photo worker woken for
 * photos a failed re-encode left pending (the database was briefly unreachable, say).
 *
 * Every step runs even when an earlier one failed: a broken slot template must not keep personal
 * data past its retention. The first failure is then thrown, for the caller to report.
 */
export async function runUpkeep(db: Db, now: Date, config: UpkeepConfig): Promise<void> {
  const steps: (() => unknown)[] = [
    () => materializeSlots(db, now, config.BOOKING_HORIZON_DAYS + 1),
    () => forgetOldWindows(db, now),
    () => forgetOldIdempotencyKeys(db, now, config.IDEMPOTENCY_RETENTION_DAYS),
    () => purgePersonalData(db, now, config.RETENTION_DAYS),
    () => wakePhotoWorker(),
  ];
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

type ScheduleOptions = {
  /** Told of a round that failed; the next round tries again. */
  onError: (error: unknown) => void;
  /** Between rounds; an hour. Injected by tests, like the clock. */
  everyMs?: number;
  clock?: () => Date;
};

/**
 * Runs `runUpkeep` every hour, in the background. A round still running when the next is due is
 * not doubled (the next one catches up); the timer never keeps the process alive on its own.
 * `stop` ends the schedule; `idle` resolves once no round is running.
 */
export function scheduleUpkeep(db: Db, config: UpkeepConfig, { onError, everyMs = HOUR, clock = () => new Date() }: ScheduleOptions) {
  let round: Promise<void> | null = null;
  const timer = setInterval(() => {
    round ??= runUpkeep(db, clock(), config)
      .catch(onError)
      .finally(() => {
        round = null;
      });
  }, everyMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    idle: async () => {
      await round;
    },
  };
}
