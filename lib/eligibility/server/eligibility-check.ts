import "server-only";
import { readFileSync } from "node:fs";
import { getConfig } from "@/lib/server/config/env";
import { coarsen, defaultArea, isInside, parseArea, type Area } from "@/lib/eligibility/shared/area";
import { AppError, validationFailed } from "@/lib/shared/errors/app-error";
import type { Application } from "@/lib/shared/schemas/application";
import { requiredAttestations } from "./attestations";

let area: Area | undefined;

/** The configured eligible area, read once; a bad file stops the app at start. */
export function eligibleArea(): Area {
  const file = getConfig().PUERTA_ELIGIBLE_AREA_FILE;
  area ??= file ? parseArea(JSON.parse(readFileSync(file, "utf8"))) : defaultArea;
  return area;
}

const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * The deployment's eligibility rules: every configured statement attested, and a recent location
 * inside the area. Returns what may be stored of it: the verdict and a coarse location.
 */
export function checkEligibility(application: Application, now: Date) {
  const config = getConfig();
  const missing = requiredAttestations().filter((id) => !application.attestations.includes(id));
  if (missing.length > 0) throw validationFailed([{ path: "attestations", key: "attestation_missing" }]);

  const { latitude, longitude, capturedAt } = application.location;
  const age = now.getTime() - new Date(capturedAt).getTime();
  if (age < -CLOCK_SKEW_MS) throw validationFailed([{ path: "location.capturedAt", key: "location_in_future" }]);
  if (age > config.LOCATION_MAX_AGE_HOURS * 3_600_000) {
    throw validationFailed([{ path: "location.capturedAt", key: "location_too_old" }]);
  }
  requireInsideArea(latitude, longitude);
  return { inside: true, ...coarsen(latitude, longitude), capturedAt };
}

/** `outside_eligible_area` unless the point is inside the configured area. */
export function requireInsideArea(latitude: number, longitude: number): void {
  if (!isInside(eligibleArea(), latitude, longitude)) throw new AppError("outside_eligible_area");
}
