import data from "./default-area.json";

/**
 * The eligible area: a list of polygons, each an outer ring followed by any holes. Rings are closed
 * lists of [longitude, latitude] in degrees, the GeoJSON order. A point is eligible when it lies in
 * any polygon and in none of that polygon's holes, so polygons may overlap (islands drawn on their own
 * overlap the coast they sit off).
 */
type Position = readonly [longitude: number, latitude: number];
type Ring = readonly Position[];
type Polygon = readonly Ring[];
export type Area = readonly Polygon[];

/**
 * Reads an area from GeoJSON: a FeatureCollection, a Feature, a Polygon or a MultiPolygon. An
 * operator's file is read once at start-up, so anything doubtful stops the app with a message that
 * says where the file is wrong, rather than quietly turning everyone away (or letting everyone in).
 */
export function parseArea(geojson: unknown): Area {
  const polygons = readGeoJson(geojson, "the area");
  if (polygons.length === 0) fail("the area", "contains no polygons, so nobody could ever be eligible");
  return polygons;
}

function readGeoJson(value: unknown, where: string): Polygon[] {
  if (!isObject(value)) fail(where, "is not a GeoJSON object");
  switch (value.type) {
    case "FeatureCollection":
      if (!Array.isArray(value.features)) fail(where, 'is a FeatureCollection without a "features" array');
      return value.features.flatMap((feature, i) => {
        const at = `${where} → features[${i}]`;
        if (!isObject(feature) || feature.type !== "Feature") fail(at, 'is not a GeoJSON "Feature"');
        return readGeoJson(feature, at);
      });
    case "Feature": {
      const geometry = value.geometry;
      const at = `${where} → geometry`;
      if (!isObject(geometry) || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) {
        fail(at, `must be a Polygon or MultiPolygon, not ${describe(isObject(geometry) ? geometry.type : geometry)}`);
      }
      return readGeoJson(geometry, at);
    }
    case "Polygon":
      return [readPolygon(value.coordinates, `${where} → coordinates`)];
    case "MultiPolygon":
      if (!Array.isArray(value.coordinates)) fail(`${where} → coordinates`, "is not an array of polygons");
      return value.coordinates.map((polygon, i) => readPolygon(polygon, `${where} → coordinates[${i}]`));
    default:
      fail(where, `has type ${describe(value.type)}; expected FeatureCollection, Feature, Polygon or MultiPolygon`);
  }
}

function readPolygon(value: unknown, where: string): Polygon {
  if (!Array.isArray(value) || value.length === 0) fail(where, "is not a non-empty array of rings");
  return value.map((ring, i) => readRing(ring, `${where}[${i}]`));
}

function readRing(value: unknown, where: string): Ring {
  // GeoJSON (RFC 7946 §3.1.6): a ring is closed and has at least four positions.
  if (!Array.isArray(value) || value.length < 4) fail(where, "is not a ring of at least 4 positions");
  const ring = value.map((position, i) => readPosition(position, `${where}[${i}]`));
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) fail(where, "is not closed: its first and last positions differ");
  return ring;
}

function readPosition(value: unknown, where: string): Position {
  if (!Array.isArray(value) || value.length < 2 || !value.every((n) => typeof n === "number" && Number.isFinite(n))) {
    fail(where, `is not a [longitude, latitude] pair of numbers: ${JSON.stringify(value)}`);
  }
  const [longitude, latitude] = value as number[];
  // Catches the usual slip of writing [latitude, longitude]: Mexico's longitudes are beyond ±90.
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    fail(where, `is out of range: ${JSON.stringify(value)} (positions are [longitude, latitude])`);
  }
  return [longitude, latitude];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

function fail(where: string, problem: string): never {
  throw new Error(`Invalid eligible-area GeoJSON: ${where} ${problem}.`);
}

/** Whether a point lies in the area; a point exactly on an edge may fall either way. */
export function isInside(area: Area, latitude: number, longitude: number): boolean {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return false;
  // Checked for every booking: plain loops, no destructuring (which allocated an iterator per
  // vertex, a tenth of all a booking request allocated), and each outer ring's bounding box first.
  for (const polygon of area) {
    if (!ringContains(polygon[0], longitude, latitude)) continue;
    let inHole = false;
    for (let h = 1; h < polygon.length && !inHole; h++) inHole = ringContains(polygon[h], longitude, latitude);
    if (!inHole) return true;
  }
  return false;
}

type Box = { west: number; east: number; south: number; north: number };
const boxes = new WeakMap<Ring, Box>();

function boxOf(ring: Ring): Box {
  let box = boxes.get(ring);
  if (!box) {
    box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
    for (const position of ring) {
      box.west = Math.min(box.west, position[0]);
      box.east = Math.max(box.east, position[0]);
      box.south = Math.min(box.south, position[1]);
      box.north = Math.max(box.north, position[1]);
    }
    boxes.set(ring, box);
  }
  return box;
}

// Ray casting: a ray from the point towards +longitude crosses the ring's edges an odd number of
// times exactly when the point is inside. Degrees are treated as flat coordinates, which is exact for
// edges along parallels and close enough for edges a few kilometres long.
function ringContains(ring: Ring, x: number, y: number): boolean {
  const box = boxOf(ring);
  if (x < box.west || x > box.east || y < box.south || y > box.north) return false;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    const xi = a[0];
    const yi = a[1];
    const xj = b[0];
    const yj = b[1];
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}

/**
 * Mexico north of 19°N, the area Puerta serves unless a deployment configures its own. The US–Mexico
 * border follows the Rio Grande to within a few hundred metres (border cities on both banks come out
 * right); coasts are coarser and carry about 11 km of sea so coastal towns are inside. Sources: the
 * Rio Grande from INEGI, Marco Geoestadístico 2025 (state boundaries, simplified); coasts and
 * islands from Natural Earth 1:50m (public domain), pushed out to sea. INEGI does not endorse this
 * derived outline.
 */
export const defaultArea: Area = parseArea(data);

/**
 * The only form of a location the server keeps: latitude and longitude rounded to 0.1°, a cell of
 * about 11 km. That is enough to show afterwards that a booking came from inside the area and to
 * count demand by region, and too coarse to lead anyone to where a person sleeps, which for people
 * waiting near the border can be a danger in itself. Eligibility is decided on the precise location
 * before it is rounded: near the border a rounded point can land on the other side.
 */
export function coarsen(latitude: number, longitude: number): { latitude: number; longitude: number } {
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
    throw new RangeError(`Not a location: latitude ${latitude}, longitude ${longitude}.`);
  }
  return { latitude: roundToTenth(latitude), longitude: roundToTenth(longitude) };
}

function roundToTenth(degrees: number): number {
  return Math.round(degrees * 10) / 10 + 0; // + 0 turns -0 into 0, so -0.04 is stored as 0
}
