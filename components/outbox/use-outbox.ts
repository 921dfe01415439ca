"use client";
import { useEffect, useState } from "react";
import { listOutbox, onOutboxChange, type OutboxEntry } from "@/lib/offline/client/outbox";

/** The outbox as it is now, kept current as any tab or the service worker changes it. */
export function useOutbox(): OutboxEntry[] | null {
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => listOutbox().then((list) => live && setEntries(list));
    read();
    const stop = onOutboxChange(read);
    // BroadcastChannel is not everywhere; a slow poll keeps the states true regardless.
    const timer = setInterval(read, 3000);
    return () => {
      live = false;
      stop();
      clearInterval(timer);
    };
  }, []);
  return entries;
}
