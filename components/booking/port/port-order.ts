import type { z } from "zod";
import type { portSchema } from "@/lib/shared/schemas/responses";

type Port = z.infer<typeof portSchema>;
type Place = { latitude: number; longitude: number };

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in km (haversine): as the crow flies, which is all a coarse location allows. */
function distanceKm(a: Place, b: Place): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far a port is from the person, rounded as people say it (5 km steps beyond 20 km); none without both places. */
export function roundedDistance(port: Port, here: Place | null | undefined): number | undefined {
  if (!here || port.latitude === undefined || port.longitude === undefined) return undefined;
  const km = distanceKm(here, { latitude: port.latitude, longitude: port.longitude });
  return km < 20 ? Math.max(1, Math.round(km)) : Math.round(km / 5) * 5;
}

/**
 * The ports as the person looks for them: nearest first when their location is known (the
 * eligibility step kept it), otherwise by the name shown (the Mexican city, in the page's
 * collation). Ports without coordinates follow the others.
 */
export function orderPorts(ports: readonly Port[], here: Place | null | undefined, label: (port: Port) => string, locale: string): Port[] {
  const collator = new Intl.Collator(locale);
  const far = (port: Port) => (here && port.latitude !== undefined && port.longitude !== undefined ? distanceKm(here, { latitude: port.latitude, longitude: port.longitude }) : Infinity);
  return ports
    .map((port) => ({ port, km: far(port), name: label(port) }))
    .sort((a, b) => a.km - b.km || collator.compare(a.name, b.name))
    .map(({ port }) => port);
}
