import { describe, expect, it } from "vitest";
import { coarsen, defaultArea, isInside, parseArea } from "./area";
import data from "./default-area.json";

type Place = [name: string, latitude: number, longitude: number];

const insideMexico: Place[] = [
  ["Tijuana", 32.5149, -117.0382],
  ["Mexicali", 32.6245, -115.4523],
  ["Nogales, Sonora", 31.3086, -110.9422],
  ["Ciudad Juárez", 31.6904, -106.4245],
  ["Piedras Negras", 28.7, -100.5236],
  ["Nuevo Laredo", 27.4779, -99.5496],
  ["Reynosa", 26.0508, -98.2979],
  ["Matamoros", 25.869, -97.5027],
  ["Monterrey", 25.6866, -100.3161],
  ["Hermosillo", 29.0729, -110.9559],
  ["Chihuahua", 28.632, -106.0691],
  ["Ensenada", 31.8667, -116.5964],
  ["La Paz, BCS", 24.1426, -110.3128],
  ["Cabo San Lucas", 22.8905, -109.9167],
  ["Mazatlán", 23.2494, -106.4111],
  ["Guadalajara", 20.6597, -103.3496],
  ["Querétaro", 20.5888, -100.3899],
  ["Tampico", 22.2331, -97.8611],
  // More towns on the river, the coasts and the southern edge.
  ["Ojinaga", 29.5645, -104.4164],
  ["Ciudad Acuña", 29.3232, -100.9317],
  ["San Luis Río Colorado", 32.4563, -114.7718],
  ["Agua Prieta", 31.3271, -109.5486],
  ["Puerto Peñasco", 31.3172, -113.535],
  ["Guerrero Negro", 27.9583, -114.0561],
  ["Puerto Vallarta", 20.6534, -105.2253],
  ["Veracruz", 19.1738, -96.1342],
  // 19.43°N is north of the 19th parallel, so the capital is in the default area.
  ["Mexico City", 19.4326, -99.1332],
  // The Yucatán peninsula north of 19°N is Mexico north of 19°N too.
  ["Mérida", 20.9674, -89.5926],
  ["Cancún", 21.1619, -86.8515],
  ["Cozumel", 20.5083, -86.9458],
];

const outsideMexico: Place[] = [
  ["San Diego", 32.7157, -117.1611],
  ["Calexico, CA", 32.6789, -115.4989],
  ["Nogales, AZ", 31.3404, -110.9343],
  ["El Paso", 31.7619, -106.485],
  ["Eagle Pass, TX", 28.7091, -100.4995],
  ["Laredo, TX", 27.5306, -99.4803],
  ["McAllen", 26.2034, -98.23],
  ["Brownsville", 25.9017, -97.4975],
  ["Oaxaca", 17.0732, -96.7266],
  ["Guatemala City", 14.6349, -90.5069],
  ["Houston", 29.7604, -95.3698],
  ["middle of the Gulf of Mexico", 25.0, -90.0],
  // More towns on the US bank, and south of 19°N.
  ["Presidio, TX", 29.5607, -104.3722],
  ["Del Rio, TX", 29.3709, -100.8959],
  ["Hidalgo, TX", 26.1003, -98.263],
  ["Yuma, AZ", 32.6927, -114.6277],
  ["Douglas, AZ", 31.3445, -109.5453],
  ["Imperial Beach, CA", 32.5839, -117.1131],
  ["Boca Chica, TX", 25.996, -97.157],
  ["Cuernavaca", 18.9242, -99.2216],
  ["Acapulco", 16.8531, -99.8237],
];

describe("defaultArea", () => {
  it.each(insideMexico)("includes %s", (_, latitude, longitude) => {
    expect(isInside(defaultArea, latitude, longitude)).toBe(true);
  });

  it.each(outsideMexico)("excludes %s", (_, latitude, longitude) => {
    expect(isInside(defaultArea, latitude, longitude)).toBe(false);
  });

  it("is drawn with closed, counter-clockwise outer rings", () => {
    for (const [outer] of data.geometry.coordinates) {
      expect(outer[0]).toEqual(outer[outer.length - 1]);
      const twiceArea = outer.slice(1).reduce((sum, [x, y], i) => sum + outer[i][0] * y - x * outer[i][1], 0);
      expect(twiceArea).toBeGreaterThan(0);
    }
  });

  it("refuses coordinates that are not numbers", () => {
    expect(isInside(defaultArea, Number.NaN, -117)).toBe(false);
    expect(isInside(defaultArea, 32.5, Number.POSITIVE_INFINITY)).toBe(false);
  });
});

const square = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole = [
  [4, 4],
  [4, 6],
  [6, 6],
  [6, 4],
  [4, 4],
];
const farSquare = square.map(([x, y]) => [x + 20, y]);

describe("parseArea", () => {
  it("reads a Polygon", () => {
    const area = parseArea({ type: "Polygon", coordinates: [square] });
    expect(isInside(area, 5, 5)).toBe(true);
    expect(isInside(area, 5, 15)).toBe(false);
    expect(isInside(area, -1, 5)).toBe(false);
  });

  it("leaves a polygon's holes out", () => {
    const area = parseArea({ type: "Polygon", coordinates: [square, hole] });
    expect(isInside(area, 5, 5)).toBe(false);
    expect(isInside(area, 2, 2)).toBe(true);
    expect(isInside(area, 5, 8)).toBe(true);
  });

  it("reads a MultiPolygon", () => {
    const area = parseArea({ type: "MultiPolygon", coordinates: [[square], [farSquare]] });
    expect(isInside(area, 5, 5)).toBe(true);
    expect(isInside(area, 5, 25)).toBe(true);
    expect(isInside(area, 5, 15)).toBe(false);
  });

  it("reads Features and FeatureCollections", () => {
    const feature = (coordinates: number[][][]) => ({
      type: "Feature",
      properties: {},
      geometry: { type: "Polygon", coordinates },
    });
    const area = parseArea({ type: "FeatureCollection", features: [feature([square]), feature([farSquare])] });
    expect(isInside(area, 5, 25)).toBe(true);
    expect(isInside(parseArea(feature([square, hole])), 5, 5)).toBe(false);
  });

  it.each([
    ["an empty object", {}, /has type nothing/],
    ["null", null, /is not a GeoJSON object/],
    ["a Point", { type: "Point", coordinates: [-117, 32.5] }, /has type "Point"/],
    ["a Feature holding a Point", { type: "Feature", geometry: { type: "Point", coordinates: [0, 0] } }, /not "Point"/],
    ["a ring of 2 points", { type: "Polygon", coordinates: [[[0, 0], [1, 1]]] }, /at least 4 positions/],
    ["an open ring", { type: "Polygon", coordinates: [square.slice(0, 4)] }, /not closed/],
    ["text for a number", { type: "Polygon", coordinates: [[[0, 0], ["10", 0], [10, 10], [0, 0]]] }, /\["10",0\]/],
    [
      "[latitude, longitude] pairs",
      { type: "Polygon", coordinates: [[[32, -117], [33, -117], [33, -116], [32, -117]]] },
      /out of range/,
    ],
    ["a polygon without rings", { type: "MultiPolygon", coordinates: [[]] }, /coordinates\[0\] is not a non-empty/],
    ["no polygons at all", { type: "FeatureCollection", features: [] }, /contains no polygons/],
  ])("refuses %s", (_, geojson, message) => {
    expect(() => parseArea(geojson)).toThrow(message);
  });

  it("says where the file is wrong", () => {
    const bad = { type: "MultiPolygon", coordinates: [[square], [[[0, 0], [1, 0], [1, "x"], [0, 0]]]] };
    expect(() => parseArea(bad)).toThrow("Invalid eligible-area GeoJSON: the area → coordinates[1][0][2]");
  });
});

describe("coarsen", () => {
  it("keeps one decimal place", () => {
    expect(coarsen(32.5149, -117.0382)).toEqual({ latitude: 32.5, longitude: -117 });
    expect(coarsen(25.869, -97.5027)).toEqual({ latitude: 25.9, longitude: -97.5 });
    expect(coarsen(19.96, -99.96)).toEqual({ latitude: 20, longitude: -100 });
  });

  it("never stores a negative zero", () => {
    expect(Object.is(coarsen(-0.04, -0.04).latitude, 0)).toBe(true);
  });

  it("refuses what is not a location", () => {
    expect(() => coarsen(Number.NaN, -117)).toThrow(RangeError);
    expect(() => coarsen(91, 0)).toThrow(RangeError);
    expect(() => coarsen(0, -181)).toThrow(RangeError);
  });
});
