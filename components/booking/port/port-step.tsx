"use client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { useProblems } from "@/components/form/use-problems";
import { CachedAt } from "@/components/offline/cached-at";
import { useRouter } from "@/lib/shared/i18n/navigation";
import { useDraft } from "@/components/booking/use-draft";
import { useErrorMessage } from "@/components/form/use-error-message";
import { useReturnTo } from "@/components/booking/use-return-to";
import { missingChoice } from "./missing-choice";
import { PortList, type Port } from "./port-list";
import { PortsFailed } from "./ports-failed";
import { SlotSection } from "./slot-section";
import { usePortChoices } from "./use-port-choices";

/**
 * "Port and date": which port, then a day and time there with room for every traveler.
 * `initialPorts`: the list in the server's HTML (null when the server could not read it).
 */
export function PortStep({ initialPorts = null }: { initialPorts?: Port[] | null }) {
  const t = useTranslations("port");
  const router = useRouter();
  const next = useReturnTo("/book/check");
  const { draft, update } = useDraft();
  const errorMessage = useErrorMessage(t("offline"));
  const { errors, attempt, show: setErrors } = useProblems();
  // One tree from loading to chosen, so that the list is never mounted twice: the ports are shown
  // as soon as they arrive, and the saved choice is marked once the draft is read (a few ms later).
  const { ports: shownPorts, distances, cachedAt, failed, retry } = usePortChoices(initialPorts, draft?.location ?? null);
  const ports = shownPorts ?? [];

  // A time belongs to one port: choosing another port forgets it.
  // The chosen port is kept whole in the draft, so later steps (and offline use) need no request.
  // Stable, so that the list (memoized) is not rendered again when only the draft arrives.
  const choosePort = useCallback(
    (portId: string) =>
      update((d) => (d.portId === portId ? d : { ...d, portId, port: shownPorts?.find((p) => p.id === portId) ?? null, slot: null })),
    [shownPorts, update],
  );

  if (failed !== null) return <PortsFailed message={errorMessage(failed)} onRetry={retry} />;

  // A port saved in the draft that is no longer offered counts as not chosen.
  const port = draft ? ports.find((p) => p.id === draft.portId) : undefined;
  // Nobody can reach this step without travelers, but a seat count of 0 would offer full slots.
  const seats = Math.max(1, draft?.travelers.length ?? 0);

  const proceed = () => {
    const missing = missingChoice(port, ports, !!draft?.slot);
    setErrors(missing ? [{ fieldId: missing.fieldId, message: t(`errors.${missing.key}`) }] : []);
    if (!missing) router.push(next());
  };

  return (
    <>
      <ErrorSummary key={attempt} errors={errors} />
      <CachedAt at={cachedAt} />
      <PortList ports={shownPorts} value={port?.id ?? ""} onChange={choosePort} distances={distances} />
      {port?.mode === "draw" && <p className="mb-8 border-s-4 border-blue-800 ps-3 text-lg">{t("drawNote")}</p>}
      {port?.mode === "first-come" && (
        <SlotSection port={port} seats={seats} selectedSlotId={draft?.slot?.id ?? null} onSelect={(slot) => update((d) => ({ ...d, slot }))} />
      )}
      {shownPorts === null ? null : ports.length === 0 ? (
        <p role="status" className="text-lg">{t("noPorts")}</p>
      ) : (
        <button type="button" onClick={proceed} className="button-primary">{t("continue")}</button>
      )}
    </>
  );
}
