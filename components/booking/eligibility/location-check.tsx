"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Location } from "@/lib/shared/schemas/application";

export type LocationState = "idle" | "checking" | "inside" | "outside" | "denied" | "unavailable";

/**
 * Explains why before the browser asks, then checks the position against the eligible area on the
 * device. Only a coarse position (0.01°, about 1 km) is kept; the precise one never leaves here.
 */
export function LocationCheck({ location, onChange }: { location: Location | null; onChange: (location: Location | null) => void }) {
  const t = useTranslations("eligibility.location");
  const [checked, setChecked] = useState<LocationState>("idle");
  // The saved location arrives after the first render (the draft is read from the device).
  const state = checked === "idle" && location ? "inside" : checked;

  const check = () => {
    if (!("geolocation" in navigator)) return setChecked("unavailable");
    setChecked("checking");
    navigator.geolocation.getCurrentPosition(
      async (position) => {
        const { latitude, longitude, accuracy } = position.coords;
        // The area is only needed here, so it loads on demand rather than with the page.
        const { defaultArea, isInside } = await import("@/lib/eligibility/shared/area");
        if (!isInside(defaultArea, latitude, longitude)) {
          onChange(null);
          return setChecked("outside");
        }
        const round = (n: number) => Math.round(n * 100) / 100;
        onChange({ latitude: round(latitude), longitude: round(longitude), accuracy: Math.max(accuracy, 1000), capturedAt: new Date().toISOString() });
        setChecked("inside");
      },
      (error) => setChecked(error.code === error.PERMISSION_DENIED ? "denied" : "unavailable"),
      { enableHighAccuracy: false, timeout: 30_000, maximumAge: 10 * 60_000 },
    );
  };

  return (
    <section aria-labelledby="location-title" className="mb-8">
      <h2 id="location-title" className="mb-2 text-2xl font-bold">{t("title")}</h2>
      <p className="mb-4 text-lg">{t("why")}</p>
      <div role="status" aria-live="polite" className="mb-4">
        {state === "checking" && <p className="text-lg">{t("checking")}</p>}
        {state === "inside" && <p className="border-s-4 border-green-700 ps-3 text-lg font-semibold text-green-900">{t("inside")}</p>}
        {state === "outside" && (
          <div className="border-s-4 border-red-700 ps-3 text-lg">
            <p className="font-semibold">{t("outsideTitle")}</p>
            <p>{t("outsideBody")}</p>
          </div>
        )}
        {state === "denied" && (
          <div className="border-s-4 border-red-700 ps-3 text-lg">
            <p className="font-semibold">{t("deniedTitle")}</p>
            <p>{t("deniedBody")}</p>
          </div>
        )}
        {state === "unavailable" && (
          <div className="border-s-4 border-red-700 ps-3 text-lg">
            <p className="font-semibold">{t("unavailableTitle")}</p>
            <p>{t("unavailableBody")}</p>
          </div>
        )}
      </div>
      <button id="location-check" type="button" onClick={check} disabled={state === "checking"} className="button-secondary">
        {state === "idle" ? t("check") : t("checkAgain")}
      </button>
    </section>
  );
}
