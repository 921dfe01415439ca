import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { log } from "@/lib/server/log/logger";
import { stopPhotoWorker } from "@/lib/photos/server/pending";
import { closeDatabase } from "./data/database";
import { markStopping } from "./readiness";

/** Stops one piece of background work; answers a promise when work under way is to be waited for. */
type Stop = () => unknown;

/**
 * What server.mjs calls on SIGTERM. It cannot import TypeScript, so the app registers its part of
 * the shutdown here, on globalThis; server.mjs keeps the HTTP side (no new connections, the
 * requests in flight answered) and bounds both waits by `graceMs`.
 */
type ShutdownHook = {
  graceMs: number;
  /** At the signal: readiness answers 503 and no background work starts any more. */
  begin: () => void;
  /** Once the requests in flight are answered: background work under way ends, the database closes. */
  finish: () => Promise<void>;
};

// On globalThis: the start-up code registers its timers in instrumentation's bundle, server.mjs
// reads the hook from outside any bundle.
const holder = globalThis as typeof globalThis & { __puertaShutdown?: ShutdownHook; __puertaStops?: Stop[] };

/** Registers background work to stop when the process is asked to. */
export function onShutdown(stop: Stop): void {
  (holder.__puertaStops ??= []).push(stop);
}

/**
 * Runs `task` every `ms` until shutdown, which waits for a run under way before the database
 * closes (a draw half done would otherwise meet a closed database). A run still going when the
 * next is due is not doubled; a failed run is logged and the next one tries again. The timer
 * does not keep the process alive.
 */
export function repeatUntilShutdown(ms: number, task: () => Promise<unknown>): void {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= task()
      .catch((error) => log.error("background work failed", { error }))
      .finally(() => {
        running = null;
      });
  }, ms).unref();
  onShutdown(() => {
    clearInterval(timer);
    return running;
  });
}

/** Makes the shutdown available to server.mjs; done once start-up succeeded. */
export function installShutdown(): void {
  let stopped: Promise<unknown> | undefined;
  const begin = () => {
    if (stopped) return;
    markStopping();
    // Photos under way are stored before the database closes; one cut off by the grace period
    // is not lost: its lease runs out and another instance (or the next start) does it again.
    const photos = stopPhotoWorker();
    stopped = Promise.allSettled([photos, ...(holder.__puertaStops ?? []).splice(0).map(async (stop) => stop())]);
  };
  holder.__puertaShutdown = {
    graceMs: getConfig().SHUTDOWN_GRACE_MS,
    begin,
    finish: async () => {
      begin();
      await stopped;
      await closeDatabase();
    },
  };
}
