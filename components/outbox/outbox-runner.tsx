"use client";
import { useEffect } from "react";
import { outboxHasEntries } from "@/lib/offline/client/outbox-peek";

/** While the app is open, the backoff of each waiting application is checked this often. */
const TICK_MS = 10_000;

// The outbox's code loads only when something waits in it: a page with nothing to send pays
// nothing for it. (The service worker keeps the server's key fresh on every page load.)
const deliver = async (force = false) => {
  if (await outboxHasEntries()) await import("@/lib/offline/client/deliver").then((m) => m.deliverOutbox({ force }));
};
// Without a service worker, the page keeps the key itself.
const refreshKey = () => import("@/lib/offline/client/server-key").then((m) => m.refreshSealingKey());
const workerKeepsKey = () => "serviceWorker" in navigator;

/**
 * Keeps the outbox moving while any page is open: on opening the app, on regaining a connection
 * and with backoff meanwhile (the service worker's Background Sync covers a closed app where the
 * browser has it). Also keeps the server's public key on the phone for sealing with no signal.
 * Renders nothing.
 */
export function OutboxRunner() {
  useEffect(() => {
    const quietly = (work: Promise<unknown>) => void work.catch(() => {});
    if (navigator.onLine && !workerKeepsKey()) quietly(refreshKey());
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
