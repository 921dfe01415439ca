"use client";
import { useLocale, useTranslations } from "next-intl";
import { memo, startTransition, useEffect, useState } from "react";
import type { z } from "zod";
import type { portSchema } from "@/lib/shared/schemas/responses";
import { RadioCard } from "@/components/form/radio-card";
import { formatClock } from "@/lib/scheduling/client/format-slot";

export type Port = z.infer<typeof portSchema>;

/**
 * The time now at one port, moved on every minute. Empty on the first render and filled in a
 * transition: a phone's first date format loads ICU's data and each zone costs more; as one
 * render they held the whole list back in one long task. Now the
 * list paints first and React may yield between the clocks. The line keeps its height meanwhile,
 * so nothing moves when the time arrives.
 */
function PortClock({ timeZone }: { timeZone: string }) {
  const t = useTranslations("port");
  const locale = useLocale();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const tick = () => startTransition(() => setNow(new Date()));
    tick();
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, []);
  return <span className="block min-h-[1lh]">{now && t("localTime", { time: formatClock(locale, timeZone, now) })}</span>;
}

type ListProps = {
  ports: Port[] | null;
  value: string;
  onChange: (portId: string) => void;
  /** Rounded km from the person to each port, when their location is known. */
  distances?: Readonly<Record<string, number>>;
};

/**
 * One radio per port. Each shows the time there now, named with its zone, because several ports
 * are an hour or two apart from where the person is, and every time later is on that clock.
 * Until the ports arrive (`null`) the question is shown with a note that they are loading: it is
 * in the server's HTML, so it paints before any script runs, and the list then grows below it.
 */
export const PortList = memo(function PortList({ ports, value, onChange, distances }: ListProps) {
  const t = useTranslations("port");
  const place = useTranslations("portPlace");
  const sorted = ports !== null && ports.length > 1 && distances && Object.keys(distances).length > 0;

  return (
    <fieldset className="mb-8">
      <legend className="mb-3 text-2xl font-bold">{t("portLegend")}</legend>
      {ports === null && <p role="status" className="text-lg">{t("loading")}</p>}
      {sorted && <p className="mb-3 text-lg">{place("nearestFirst")}</p>}
      <div className="space-y-3">
        {ports?.map((port) => (
          <RadioCard key={port.id} id={`port-${port.id}`} name="port" checked={port.id === value} onChange={() => onChange(port.id)} className="items-start" inputClassName="mt-1">
            <span className="text-lg">
              <span className="block text-xl font-bold">
                {/* A crossing as people in Mexico name it, their city first ("Tijuana – San Ysidro, CA"). */}
                {port.mexicanCity ? place("crossing", { city: port.mexicanCity, name: port.name, state: port.state }) : t("nameAndState", { name: port.name, state: port.state })}
              </span>
              {distances?.[port.id] !== undefined && <span className="block font-semibold">{place("distance", { km: distances[port.id] })}</span>}
              <span className="block">{port.address}</span>
              <PortClock timeZone={port.timeZone} />
              <span className="block">{t(`modes.${port.mode}`)}</span>
            </span>
          </RadioCard>
        ))}
      </div>
    </fieldset>
  );
});
