"use client";
import { useEffect } from "react";

/** While the app is open, the backoff of each waiting application is checked this often. */
const TICK_MS = 10_000;

// Loaded after the page is up: no page pays for the outbox (or jose, for the key) on first paint.
const deliver = (force = false) => import("@/lib/offline/deliver").then((m) => m.deliverOutbox({ force }));
const refreshKey = () => import("@/lib/offline/server-key").then((m) => m.refreshSealingKey());

/**
 * Keeps the outbox moving while any page is open: on opening the app, on regaining a connection
 * and with backoff meanwhile (the service worker's Background Sync covers a closed app where the
 * browser has it). Also keeps the server's public key on the phone for sealing with no signal.
 * Renders nothing.
 */
export function OutboxRunner() {
  useEffect(() => {
    const quietly = (work: Promise<unknown>) => void work.catch(() => {});
    if (navigator.onLine) quietly(refreshKey());
    quietly(deliver(true));
    const online = () => {
      quietly(refreshKey());
      quietly(deliver(true));
    };
    window.addEventListener("online", online);
    const timer = setInterval(() => navigator.onLine && quietly(deliver()), TICK_MS);
    return () => {
      window.removeEventListener("online", online);
      clearInterval(timer);
    };
  }, []);
  return null;
}
