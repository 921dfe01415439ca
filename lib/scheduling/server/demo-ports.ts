import "server-only";
// Seed data: the eight ports of entry that took CBP One appointments, at demo capacities. Eagle
// Pass and Hidalgo allocate by daily draw, the others first-come.
import type { SlotTemplate } from "./slot-template";

export type PortDefinition = {
  id: string;
  name: string;
  state: string;
  timeZone: string;
  mode: "first-come" | "draw";
  address: string;
  templates: SlotTemplate[];
  /** Draw ports: the daily request window and the draw's time, "HH:MM" in the port's zone. */
  drawWindowOpens?: string;
  drawWindowCloses?: string;
  drawTime?: string;
};

// Requests all day until 18:00, the draw an hour later: the evening before the seats' day.
const DAILY_DRAW = { drawWindowOpens: "00:00", drawWindowCloses: "18:00", drawTime: "19:00" } as const;

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

// All demo ports open daily with 30-minute slots; only hours and seats per slot differ.
function daily(opens: string, closes: string, capacity: number): SlotTemplate[] {
  return [{ weekdays: [...EVERY_DAY], opens, closes, slotMinutes: 30, capacity }];
}

// Seats a day: 320 + 96 + 144 + 240 + 128 + 192 + 160 + 170 = 1,450.
export const demoPorts: PortDefinition[] = [
  {
    id: "san-ysidro",
    name: "San Ysidro",
    state: "CA",
    timeZone: "America/Los_Angeles",
    mode: "first-come",
    address: "PedWest, 720 E San Ysidro Blvd, San Diego, CA 92173",
    templates: daily("07:00", "17:00", 16),
  },
  {
    id: "calexico",
    name: "Calexico",
    state: "CA",
    timeZone: "America/Los_Angeles",
    mode: "first-come",
    address: "Calexico West, 200 E 1st St, Calexico, CA 92231",
    templates: daily("08:00", "16:00", 6),
  },
  {
    id: "nogales",
    name: "Nogales",
    state: "AZ",
    timeZone: "America/Phoenix", // Arizona keeps standard time all year
    mode: "first-come",
    address: "DeConcini, 9 N Grand Ave, Nogales, AZ 85621",
    templates: daily("08:00", "16:00", 9),
  },
  {
    id: "el-paso",
    name: "El Paso",
    state: "TX",
    timeZone: "America/Denver", // El Paso is on Mountain time, unlike the rest of Texas
    mode: "first-come",
    address: "Paso del Norte bridge, 1000 S El Paso St, El Paso, TX 79901",
    templates: daily("07:00", "17:00", 12),
  },
  {
    id: "eagle-pass",
    name: "Eagle Pass",
    state: "TX",
    timeZone: "America/Chicago",
    mode: "draw",
    address: "Bridge I, 500 S Adams St, Eagle Pass, TX 78852",
    templates: daily("08:00", "16:00", 8),
    ...DAILY_DRAW,
  },
  {
    id: "laredo",
    name: "Laredo",
    state: "TX",
    timeZone: "America/Chicago",
    mode: "first-come",
    address: "Gateway to the Americas Bridge, 1 S Convent Ave, Laredo, TX 78040",
    templates: daily("08:00", "16:00", 12),
  },
  {
    id: "hidalgo",
    name: "Hidalgo",
    state: "TX",
    timeZone: "America/Chicago",
    mode: "draw",
    address: "Hidalgo–Reynosa bridge, 1 S International Blvd, Hidalgo, TX 78557",
    templates: daily("08:00", "16:00", 10),
    ...DAILY_DRAW,
  },
  {
    id: "brownsville",
    name: "Brownsville",
    state: "TX",
    timeZone: "America/Chicago",
    mode: "first-come",
    address: "Gateway International Bridge, 1001 E Elizabeth St, Brownsville, TX 78520",
    templates: daily("08:00", "16:30", 10),
  },
];

/**
 * Where each crossing is, as people in Mexico know it: by the Mexican city on their side (someone
 * in Ciudad Juárez looks for "Ciudad Juárez", not "El Paso"), and its coordinates (the port's
 * pedestrian entrance, to a few hundred metres) to sort the ports by distance from the person.
 * Ports not listed here are simply shown without them.
 */
type PortPlace = { mexicanCity: string; latitude: number; longitude: number };

export const portPlaces: Readonly<Record<string, PortPlace>> = {
  "san-ysidro": { mexicanCity: "Tijuana", latitude: 32.5422, longitude: -117.0297 },
  calexico: { mexicanCity: "Mexicali", latitude: 32.6641, longitude: -115.4988 },
  nogales: { mexicanCity: "Nogales", latitude: 31.3328, longitude: -110.9427 },
  "el-paso": { mexicanCity: "Ciudad Juárez", latitude: 31.7486, longitude: -106.4869 },
  "eagle-pass": { mexicanCity: "Piedras Negras", latitude: 28.7086, longitude: -100.5119 },
  laredo: { mexicanCity: "Nuevo Laredo", latitude: 27.5003, longitude: -99.5071 },
  hidalgo: { mexicanCity: "Reynosa", latitude: 26.0946, longitude: -98.2716 },
  brownsville: { mexicanCity: "Matamoros", latitude: 25.8971, longitude: -97.4975 },
};
