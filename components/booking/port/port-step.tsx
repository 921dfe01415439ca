"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ErrorSummary, type FieldError } from "@/components/form/error-summary";
import { CachedAt } from "@/components/offline/cached-at";
import { getPorts } from "@/lib/scheduling/client/api-client";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { PortList, type Port } from "./port-list";
import { orderPorts, roundedDistance } from "./port-order";
import { SlotPicker } from "@/components/slots/slot-picker";
import { useDraft } from "@/components/booking/use-draft";
import { useErrorMessage } from "@/components/form/use-error-message";
import { useReturnTo } from "@/components/booking/use-return-to";

type Load = { state: "loading" } | { state: "failed"; code: string } | { state: "ready"; ports: Port[]; cachedAt?: string };

/**
 * "Port and date": which port, then a day and time there with room for every traveler.
 * `initialPorts`: the list in the server's HTML (null when the server could not read it). The
 * step still asks the API once it runs: a page stored on the device may be days old, and the
 * answer (fresh, or the worker's stored copy "as of …") replaces the list only if it differs.
 */
export function PortStep({ initialPorts = null }: { initialPorts?: Port[] | null }) {
  const t = useTranslations("port");
  const locale = useLocale();
  const router = useRouter();
  const next = useReturnTo("/book/check");
  const { draft, update } = useDraft();
  const errorMessage = useErrorMessage(t("offline"));
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>(initialPorts ? { state: "ready", ports: initialPorts } : { state: "loading" });
  const [errors, setErrors] = useState<FieldError[]>([]);

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

  // One tree from loading to chosen, so that the list is never mounted twice: the ports are shown
  // as soon as they arrive, and the saved choice is marked once the draft is read (a few ms later).
  const loadedPorts = load.state === "ready" ? load.ports : null;
  // Nearest first from where the eligibility step found the person (kept in the draft), each with
  // its distance; by the Mexican city's name until the draft is read, or without a location.
  const here = draft?.location ?? null;
  const shownPorts = useMemo(
    () => loadedPorts && orderPorts(loadedPorts, here, (p) => p.mexicanCity ?? p.name, locale),
    [loadedPorts, here, locale],
  );
  const distances = useMemo(() => {
    const known: Record<string, number> = {};
    for (const port of loadedPorts ?? []) {
      const km = roundedDistance(port, here);
      if (km !== undefined) known[port.id] = km;
    }
    return known;
  }, [loadedPorts, here]);
  const ports = shownPorts ?? [];

  // A time belongs to one port: choosing another port forgets it.
  // The chosen port is kept whole in the draft, so later steps (and offline use) need no request.
  // Stable, so that the list (memoized) is not rendered again when only the draft arrives.
  const choosePort = useCallback(
    (portId: string) =>
      update((d) => (d.portId === portId ? d : { ...d, portId, port: shownPorts?.find((p) => p.id === portId) ?? null, slot: null })),
    [shownPorts, update],
  );

  if (load.state === "failed") {
    const retry = () => {
      setLoad({ state: "loading" });
      setAttempt((n) => n + 1);
    };
    return (
      <div role="alert" className="border-s-4 border-red-700 ps-3">
        <p className="mb-3 text-lg">{errorMessage(load.code)}</p>
        <button type="button" className="button-secondary" onClick={retry}>{t("retry")}</button>
      </div>
    );
  }

  // A port saved in the draft that is no longer offered counts as not chosen.
  const port = draft ? ports.find((p) => p.id === draft.portId) : undefined;
  // Nobody can reach this step without travelers, but a seat count of 0 would offer full slots.
  const seats = Math.max(1, draft?.travelers.length ?? 0);

  const proceed = () => {
    const found: FieldError[] = [];
    if (!port) found.push({ fieldId: `port-${ports[0]?.id}`, message: t("errors.port") });
    else if (port.mode === "first-come" && !draft?.slot) found.push({ fieldId: "slot-picker", message: t("errors.slot") });
    setErrors(found);
    if (found.length === 0) router.push(next());
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      <CachedAt at={load.state === "ready" ? load.cachedAt : undefined} />
      <PortList ports={shownPorts} value={port?.id ?? ""} onChange={choosePort} distances={distances} />
      {port?.mode === "draw" && (
        <p className="mb-8 border-s-4 border-blue-800 ps-3 text-lg">{t("drawNote")}</p>
      )}
      {port?.mode === "first-come" && (
        <section id="slot-picker" tabIndex={-1} aria-labelledby="slot-title" className="mb-8">
          <h2 id="slot-title" className="mb-2 text-2xl font-bold">{t("slotTitle")}</h2>
          <p className="mb-4 text-lg">{t("slotHint", { count: seats })}</p>
          <SlotPicker
            portId={port.id}
            timeZone={port.timeZone}
            seats={seats}
            selectedSlotId={draft?.slot?.id ?? null}
            onSelect={(slot) => update((d) => ({ ...d, slot }))}
          />
        </section>
      )}
      {shownPorts === null ? null : ports.length === 0 ? (
        <p role="status" className="text-lg">{t("noPorts")}</p>
      ) : (
        <button type="button" onClick={proceed} className="button-primary">{t("continue")}</button>
      )}
    </>
  );
}
