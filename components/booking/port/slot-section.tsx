"use client";
import { useTranslations } from "next-intl";
import { SlotPicker, type ChosenSlot } from "@/components/slots/slot-picker";
import type { Port } from "./port-list";

/**
 * A first-come port's question of a day and time. Its id is the target of the error summary's
 * "choose a time" link, hence focusable.
 */
export function SlotSection({ port, seats, selectedSlotId, onSelect }: { port: Port; seats: number; selectedSlotId: string | null; onSelect: (slot: ChosenSlot) => void }) {
  const t = useTranslations("port");
  return (
    <section id="slot-picker" tabIndex={-1} aria-labelledby="slot-title" className="mb-8">
      <h2 id="slot-title" className="mb-2 text-2xl font-bold">{t("slotTitle")}</h2>
      <p className="mb-4 text-lg">{t("slotHint", { count: seats })}</p>
      <SlotPicker portId={port.id} timeZone={port.timeZone} seats={seats} selectedSlotId={selectedSlotId} onSelect={onSelect} />
    </section>
  );
}
