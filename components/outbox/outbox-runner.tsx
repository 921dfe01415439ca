"use client";
import { useEffect } from "react";
import { deliverOutbox } from "@/lib/offline/deliver";
import { refreshSealingKey } from "@/lib/offline/server-key";

/** While the app is open, the backoff of each waiting application is checked this often. */
const TICK_MS = 10_000;

/**
 * Keeps the outbox moving while any page is open: on opening the app, on regaining a connection
 * and with backoff meanwhile (the service worker's Background Sync covers a closed app where the
 * browser has it). Also keeps the server's public key on the phone for sealing with no signal.
 * Renders nothing.
 */
export function OutboxRunner() {
  useEffect(() => {
    if (navigator.onLine) void refreshSealingKey();
    void deliverOutbox({ force: true });
    const online = () => {
      void refreshSealingKey();
      void deliverOutbox({ force: true });
    };
    window.addEventListener("online", online);
    const timer = setInterval(() => navigator.onLine && void deliverOutbox(), TICK_MS);
    return () => {
      window.removeEventListener("online", online);
      clearInterval(timer);
    };
  }, []);
  return null;
}
