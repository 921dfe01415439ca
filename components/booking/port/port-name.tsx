"use client";
import { useTranslations } from "next-intl";

type NamedPort = { name: string; state: string; mexicanCity?: string };

/** "Tijuana – San Ysidro, CA": a crossing named as people in Mexico know it, wherever it is shown. */
export function PortName({ port }: { port: NamedPort }) {
  const t = useTranslations("portPlace");
  return port.mexicanCity ? t("crossing", { city: port.mexicanCity, name: port.name, state: port.state }) : `${port.name}, ${port.state}`;
}
