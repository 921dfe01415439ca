"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { RadioCard } from "@/components/form/radio-card";
import { CachedAt } from "@/components/offline/cached-at";
import { getAvailability } from "@/lib/scheduling/client/api-client";
import { bookingRange, formatDay, formatTimeRange } from "@/lib/scheduling/client/format-slot";
import { useErrorMessage } from "@/components/form/use-error-message";

export type ChosenSlot = { id: string; start: string; end: string };
type OpenSlot = ChosenSlot & { remaining: number };
type Day = { date: string; slots: OpenSlot[] };

// Each answer is tagged with the request it belongs to, so a port change or a retry shows
// "loading" at once and a late answer for another port is never shown.
type Load = { key: string } & ({ state: "ready"; days: Day[]; cachedAt?: string } | { state: "failed"; code: string });

type Props = {
  portId: string;
  timeZone: string;
  seats: number;
  selectedSlotId: string | null;
  onSelect: (slot: ChosenSlot) => void;
};

/**
 * A day, then a time at that day, as two questions one after the other: only times with room for every traveler are offered, shown on
 * the port's clock with the zone named. To load afresh (after "this time is now full"), remount
 * it with a new `key`.
 */
export function SlotPicker({ portId, timeZone, seats, selectedSlotId, onSelect }: Props) {
  const t = useTranslations("slots");
  const s = useTranslations("slotSteps");
  const locale = useLocale();
  const errorMessage = useErrorMessage(t("offline"));
  const ids = useId();
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load | null>(null);
  const [picked, setPicked] = useState<{ portId: string; date: string } | null>(null);
  const [changingDay, setChangingDay] = useState(false);
  // Where the focus goes after one question gives way to the other (the control pressed is gone).
  const moveFocus = useRef<"times" | "days" | null>(null);
  const times = useRef<HTMLFieldSetElement>(null);
  const dayGroup = useRef<HTMLFieldSetElement>(null);
  const key = `${portId}|${timeZone}|${attempt}`;

  useEffect(() => {
    let live = true;
    // Exactly the days offered, counted on the port's calendar: every phone at this port asks the
    // same range today, so one answer (the server's, a CDN's, a 304) serves them all.
    const { from, to } = bookingRange(timeZone);
    getAvailability(portId, from, to, locale).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoad({ key, state: "failed", code: result.error.code });
      setLoad({ key, state: "ready", days: result.data.days, cachedAt: result.cachedAt });
    });
    return () => {
      live = false;
    };
  }, [key, portId, timeZone, locale]);

  // The day buttons give way to the times (and back): the focus follows, or it would fall to the page.
  useEffect(() => {
    if (moveFocus.current === "times" && times.current) {
      times.current.focus({ preventScroll: true });
      times.current.scrollIntoView({ block: "nearest" });
    } else if (moveFocus.current === "days") {
      dayGroup.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"]')?.focus();
    }
    moveFocus.current = null;
  });

  if (!load || load.key !== key) return <p role="status" className="text-lg">{t("loading")}</p>;

  if (load.state === "failed") {
    return (
      <div role="alert" className="border-s-4 border-red-700 ps-3">
        <p className="mb-3 text-lg">{errorMessage(load.code)}</p>
        <button type="button" className="button-secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t("retry")}
        </button>
      </div>
    );
  }

  const days = load.days
    .map((day) => ({ date: day.date, slots: day.slots.filter((slot) => slot.remaining >= seats) }))
    .filter((day) => day.slots.length > 0);
  if (days.length === 0) return <p role="status" className="text-lg">{t("none", { count: seats })}</p>;

  const selectedDay = days.find((day) => day.slots.some((slot) => slot.id === selectedSlotId));
  const date = picked?.portId === portId ? picked.date : selectedDay?.date;
  const day = days.find((d) => d.date === date);
  const label = (d: Day) => formatDay(d.slots[0].start, locale, timeZone);
  // Two questions, one at a time: the day, then the time on that day (a day's times under 14 days
  // were seven screens on a phone). Once a day is chosen, it reads as one line with "Change".
  const askDay = !day || changingDay;

  const pickDay = (chosen: string) => {
    setPicked({ portId, date: chosen });
    setChangingDay(false);
    moveFocus.current = "times";
  };

  return (
    <div>
      <CachedAt at={load.cachedAt} />
      {selectedSlotId && !selectedDay && (
        <p role="status" className="mb-4 border-s-4 border-red-700 ps-3 text-lg">{t("selectedGone")}</p>
      )}
      {askDay ? (
        <fieldset ref={dayGroup} className="mb-6">
          <legend className="mb-3 text-xl font-bold">{t("dayLegend")}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {days.map((d) => (
              <button
                key={d.date}
                type="button"
                aria-pressed={d.date === date}
                onClick={() => pickDay(d.date)}
                className="flex min-h-11 items-center gap-2 rounded border-2 border-gray-700 px-4 py-2 text-start text-lg focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-yellow-400 aria-pressed:border-blue-800 aria-pressed:bg-blue-800 aria-pressed:font-bold aria-pressed:text-white"
              >
                {/* A mark as well as the colour, for people who cannot tell the colours apart. */}
                <span aria-hidden="true" className="w-5 shrink-0">{d.date === date ? "✓" : ""}</span>
                {label(d)}
              </button>
            ))}
          </div>
        </fieldset>
      ) : (
        <div className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2">
          <p className="text-lg font-semibold">{s("chosenDay", { day: label(day) })}</p>
          <button
            type="button"
            onClick={() => {
              setChangingDay(true);
              moveFocus.current = "days";
            }}
            className="button-secondary"
          >
            {s("changeDay")}
          </button>
        </div>
      )}
      {day && !askDay && (
        <fieldset ref={times} tabIndex={-1} className="mb-6 focus-visible:outline-4 focus-visible:outline-offset-4 focus-visible:outline-yellow-400">
          <legend className="mb-3 text-xl font-bold">{t("timeLegend", { day: label(day) })}</legend>
          <div className="space-y-2">
            {day.slots.map((slot) => (
              <RadioCard
                key={slot.id}
                id={`${ids}-${slot.id}`}
                name={`${ids}-slot`}
                checked={slot.id === selectedSlotId}
                onChange={() => onSelect({ id: slot.id, start: slot.start, end: slot.end })}
                className="items-center"
              >
                <span className="text-lg">
                  <span className="block font-semibold">{formatTimeRange(slot.start, slot.end, locale, timeZone)}</span>
                  <span className="block">{t("placesLeft", { count: slot.remaining })}</span>
                </span>
              </RadioCard>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
