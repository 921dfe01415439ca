"use client";
import { useLocale } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { getPorts } from "@/lib/scheduling/client/api-client";
import type { Port } from "./port-list";
import { orderPorts, roundedDistance } from "./port-order";

type Load = { state: "loading" } | { state: "failed"; code: string } | { state: "ready"; ports: Port[]; cachedAt?: string };
type Place = { latitude: number; longitude: number };

/**
 * The ports the person chooses from: the server's HTML list at once (`initialPorts`, null when the
 * server could not read it), then the API's answer once the step runs, because a page stored on the
 * device may be days old; the answer (fresh, or the worker's stored copy "as of …") replaces the
 * list only if it differs. Ordered nearest first from `here` (where the eligibility step found the
 * person), each with its distance; by the Mexican city's name without a location.
 */
export function usePortChoices(initialPorts: Port[] | null, here: Place | null) {
  const locale = useLocale();
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>(initialPorts ? { state: "ready", ports: initialPorts } : { state: "loading" });

  useEffect(() => {
    let live = true;
    getPorts(locale).then((result) => {
      if (!live) return;
      if (result.ok) {
        const fresh: Load = { state: "ready", ports: result.data.ports, cachedAt: result.cachedAt };
        // The same list again (the usual case) re-renders nothing.
        setLoad((shown) => (JSON.stringify(shown) === JSON.stringify(fresh) ? shown : fresh));
      } else {
        // Ports already shown stay: a failed refresh must not take the list away.
        setLoad((shown) => (shown.state === "ready" ? shown : { state: "failed", code: result.error.code }));
      }
    });
    return () => {
      live = false;
    };
  }, [locale, attempt]);

  const loaded = load.state === "ready" ? load.ports : null;
  // Memoized so the list (memoized too) renders again only when the ports or the place change.
  const ports = useMemo(() => loaded && orderPorts(loaded, here, (p) => p.mexicanCity ?? p.name, locale), [loaded, here, locale]);
  const distances = useMemo(() => {
    const known: Record<string, number> = {};
    for (const port of loaded ?? []) {
      const km = roundedDistance(port, here);
      if (km !== undefined) known[port.id] = km;
    }
    return known;
  }, [loaded, here]);

  const retry = useCallback(() => {
    setLoad({ state: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  return {
    /** Null until a list arrives; ordered for the person. */
    ports,
    distances,
    cachedAt: load.state === "ready" ? load.cachedAt : undefined,
    /** The error code when no list could be had at all. */
    failed: load.state === "failed" ? load.code : null,
    retry,
  };
}
